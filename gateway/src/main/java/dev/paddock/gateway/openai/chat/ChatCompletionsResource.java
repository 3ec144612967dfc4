package dev.paddock.gateway.openai.chat;

import dev.paddock.api.openai.v1.ChatCompletionRequest;
import dev.paddock.gateway.openai.ChoiceResults;
import dev.paddock.gateway.openai.Frames;
import dev.paddock.gateway.openai.Generations;
import dev.paddock.gateway.openai.IndexedChunk;
import dev.paddock.gateway.openai.Responses;
import dev.paddock.gateway.openai.SystemFingerprint;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;

/** {@code POST /v1/chat/completions}: a conversation in, the assistant's answer out, whole or streamed. */
@Path("/v1/chat/completions")
public class ChatCompletionsResource {

    private final ChatRequests requests;
    private final Generations generations;
    private final Frames frames;
    private final SystemFingerprint fingerprint;

    ChatCompletionsResource(ChatRequests requests, Generations generations, Frames frames,
            SystemFingerprint fingerprint) {
        this.requests = requests;
        this.generations = generations;
        this.frames = frames;
        this.fingerprint = fingerprint;
    }

    /** The answer: a JSON document, or with {@code stream} an event stream. */
    @POST
    // runs on the event loop (the body is already read): Generations starts the service there for a short
    // prompt, on a worker thread otherwise (templating and tokenizing a long one would hold up the loop)
    @Consumes(MediaType.APPLICATION_JSON)
    public RestMulti<Buffer> create(ChatCompletionRequest body, RoutingContext context) {
        ChatPlan plan = requests.plan(body);
        Multi<IndexedChunk> chunks = generations.start(plan.model(), plan.requests(), context);
        return plan.streaming().enabled() ? stream(plan, chunks, context.response()) : whole(plan, chunks);
    }

    private RestMulti<Buffer> stream(ChatPlan plan, Multi<IndexedChunk> chunks, HttpServerResponse response) {
        return Responses.eventStream(chunks, new ChatEventStream(plan, frames, fingerprint.value()), response);
    }

    private RestMulti<Buffer> whole(ChatPlan plan, Multi<IndexedChunk> chunks) {
        int n = plan.requests().size();
        Uni<Buffer> body = chunks.collect().in(() -> new ChoiceResults(n, n), ChoiceResults::add)
                .map(results -> frames.json(ChatCompletionAssembler.completion(plan, results, fingerprint.value())));
        return Responses.json(body);
    }
}

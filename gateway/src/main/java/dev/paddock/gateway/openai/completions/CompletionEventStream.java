package dev.paddock.gateway.openai.completions;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.openai.v1.Completion;
import dev.paddock.api.openai.v1.CompletionChoice;
import dev.paddock.api.openai.v1.CompletionLogprobs;
import dev.paddock.api.openai.v1.Usage;
import dev.paddock.gateway.openai.EventStream;
import dev.paddock.gateway.openai.FinishReasons;
import dev.paddock.gateway.openai.Frames;
import dev.paddock.gateway.openai.GenerationFailed;
import dev.paddock.gateway.openai.IndexedChunk;
import dev.paddock.gateway.openai.StreamFailures;
import dev.paddock.gateway.openai.UsageTotals;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * Turns a text completion's merged chunks into OpenAI's server-sent events: text fragments (the first
 * of a choice led by the echoed prompt), a last event per choice with the finish reason, the usage
 * chunk when asked for, and {@code [DONE]}. Chunks arrive one at a time (the merge serializes them).
 */
final class CompletionEventStream implements EventStream {

    private final CompletionPlan plan;
    private final Frames frames;
    private final String fingerprint;
    private final LegacyLogprobs[] logprobs;
    private final boolean[] started;
    private final UsageTotals usage;

    CompletionEventStream(CompletionPlan plan, Frames frames, String fingerprint) {
        this.plan = plan;
        this.frames = frames;
        this.fingerprint = fingerprint;
        int count = plan.requests().size();
        this.logprobs = new LegacyLogprobs[count];
        for (int i = 0; i < count; i++) {
            logprobs[i] = new LegacyLogprobs();
        }
        this.started = new boolean[count];
        this.usage = new UsageTotals(plan.n());
    }

    /** The events a chunk makes (maybe none); throws for an engine error. */
    @Override
    public Buffer onChunk(IndexedChunk indexed) {
        GenerationFailed.check(indexed.chunk());
        int i = indexed.index();
        Chunk chunk = indexed.chunk();
        String text = started[i] ? chunk.text() : echo(i, chunk) + chunk.text();
        started[i] = true;
        boolean withLogprobs = plan.logprobs() != null;
        Buffer out = Buffer.buffer();
        if (!text.isEmpty() || (withLogprobs && !chunk.logprobs().isEmpty())) {
            CompletionLogprobs fragment = withLogprobs ? logprobs[i].add(chunk.logprobs()).drain() : null;
            event(out, new CompletionChoice(text, i, fragment, null));
        }
        if (chunk.isLast()) {
            usage.add(i, chunk);
            event(out, new CompletionChoice("", i, null, FinishReasons.wire(chunk.finishReason())));
        }
        return out;
    }

    /** The usage chunk when asked for, and {@code [DONE]}. */
    @Override
    public Buffer closing() {
        Buffer out = Buffer.buffer();
        if (plan.streaming().includeUsage()) {
            frames.event(out, completion(List.of(), usage.toWire()));
        }
        return frames.done(out);
    }

    /** Before any event: the failure, for an error status; after: an error event that ends the stream. */
    @Override
    public Buffer onFailure(Throwable failure) {
        return StreamFailures.event(failure, frames);
    }

    private String echo(int i, Chunk first) {
        if (!plan.echo()) {
            return "";
        }
        String text = plan.echoText(i, first.promptLogprobs());
        if (plan.logprobs() != null) {
            logprobs[i].add(first.promptLogprobs()).moveTo(text.length());
        }
        return text;
    }

    private void event(Buffer out, CompletionChoice choice) {
        frames.event(out, completion(List.of(choice), null));
    }

    private Completion completion(List<CompletionChoice> choices, Usage totals) {
        return new Completion(plan.id(), Completion.OBJECT, plan.created(), plan.model(), fingerprint, choices,
                totals);
    }
}

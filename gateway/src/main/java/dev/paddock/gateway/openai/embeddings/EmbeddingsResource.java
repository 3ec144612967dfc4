package dev.paddock.gateway.openai.embeddings;

import dev.paddock.api.inference.v1.EmbedRequest;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.openai.v1.EmbeddingRequest;
import dev.paddock.api.openai.v1.EmbeddingResponse;
import dev.paddock.gateway.metrics.RequestCounting;
import dev.paddock.gateway.openai.ModelNames;
import dev.paddock.gateway.openai.PromptInputs;
import dev.paddock.gateway.openai.RequestChecks;
import dev.paddock.gateway.openai.ResponseIds;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code POST /v1/embeddings}: one unit-length vector per input. */
@Path("/v1/embeddings")
public class EmbeddingsResource {

    /** Inputs one request may carry, OpenAI's limit. */
    static final int MAX_INPUTS = 2048;

    private final InferenceService inference;
    private final ModelNames models;

    EmbeddingsResource(InferenceService inference, ModelNames models) {
        this.inference = inference;
        this.models = models;
    }

    /** The vectors of the inputs, in order. */
    @POST
    // the service templates and tokenizes (native calls) before returning: keep that off the event loop
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<EmbeddingResponse> create(EmbeddingRequest body, RoutingContext context) {
        RequestChecks.body(body);
        String model = RequestChecks.model(body.model());
        List<Prompt> inputs = PromptInputs.parse(body.input(), "input");
        // as OpenAI's: each input's vector is held until the answer is written
        RequestChecks.require(inputs.size() <= MAX_INPUTS, "input", "At most " + MAX_INPUTS
                + " inputs are embedded per request; this one has " + inputs.size() + ".");
        EmbeddingEncoding encoding = EmbeddingEncoding.of(body.encodingFormat());
        Optional<ModelInfo> info = models.find(model);
        info.ifPresent(m -> checkDimensions(body.dimensions(), m));
        Uni<EmbedResult> result = inference.embed(new EmbedRequest(ResponseIds.completion(), model, inputs, true));
        String name = info.map(ModelInfo::name).orElse(model);
        RequestCounting.model(context, name);
        return result.map(r -> response(r, name, encoding));
    }

    private static void checkDimensions(Integer dimensions, ModelInfo model) {
        RequestChecks.require(dimensions == null || dimensions == model.embeddingSize(), "dimensions",
                "Model '" + model.name() + "' cannot change its output dimensions: it makes vectors of "
                        + model.embeddingSize() + " dimensions.");
    }

    private static EmbeddingResponse response(EmbedResult result, String model, EmbeddingEncoding encoding) {
        List<EmbeddingResponse.Embedding> data = new ArrayList<>(result.vectors().size());
        for (int i = 0; i < result.vectors().size(); i++) {
            data.add(EmbeddingResponse.Embedding.of(i, encoding.encode(result.vectors().get(i))));
        }
        return EmbeddingResponse.of(data, model, result.promptTokens());
    }
}

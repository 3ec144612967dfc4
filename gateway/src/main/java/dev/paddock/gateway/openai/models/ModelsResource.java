package dev.paddock.gateway.openai.models;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.openai.v1.Model;
import dev.paddock.api.openai.v1.ModelList;
import dev.paddock.gateway.metrics.RequestCounting;
import dev.paddock.gateway.openai.ModelNames;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models served (loaded or loading). */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final InferenceService inference;
    private final ModelNames models;

    ModelsResource(InferenceService inference, ModelNames models) {
        this.inference = inference;
        this.models = models;
    }

    /** Every served model, loaded or still loading. */
    @GET
    public ModelList list() {
        return ModelList.of(inference.models().stream().map(ModelsResource::wire).toList());
    }

    /** A model by name or alias; 404 with code model_not_found when none. */
    @GET
    @Path("{id: .+}")
    public Model get(@PathParam("id") String id, RoutingContext context) {
        ModelInfo info = models.find(id).orElseThrow(() -> new InferenceException(
                InferenceException.Kind.MODEL_NOT_FOUND, "model", "The model '" + id + "' does not exist."));
        RequestCounting.model(context, info.name());
        return wire(info);
    }

    private static Model wire(ModelInfo info) {
        return Model.of(info.name(), info.created());
    }
}

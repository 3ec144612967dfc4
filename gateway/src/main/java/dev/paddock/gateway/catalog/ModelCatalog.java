package dev.paddock.gateway.catalog;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.ModelInfo;
import java.util.List;

/**
 * The models the distributed gateway routes to: which exist, which clients see, and whether a request for
 * one goes to a worker now, waits for one to wake up, or is refused.
 */
public interface ModelCatalog extends AutoCloseable {

    /** Starts following the models (Kafka announcements, Kubernetes resources). */
    void start();

    /** The models clients may use ({@code GET /v1/models}). */
    List<ModelInfo> models();

    /**
     * What a request for a model (name or alias) does.
     *
     * @throws InferenceException 400 without a name, 404 for an unknown model, 503 {@code model_loading}
     *         for a model that cannot take requests now
     */
    Admission admit(String name);

    /** Whether a worker serves the model (its own name) now. */
    boolean serving(String model);

    @Override
    void close() throws InterruptedException;
}

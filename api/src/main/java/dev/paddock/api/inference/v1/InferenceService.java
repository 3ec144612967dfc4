package dev.paddock.api.inference.v1;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where the gateway sends work: implemented in memory by the single-process server and over
 * Kafka and gRPC in a cluster.
 */
public interface InferenceService {

    /**
     * Starts a generation. Cancelling the subscription cancels the generation and frees its slot.
     * Fails with {@link InferenceException} for a request that cannot be served.
     */
    Multi<Chunk> generate(GenerateRequest request);

    /** Computes embeddings; fails with {@link InferenceException}. */
    Uni<EmbedResult> embed(EmbedRequest request);

    /** The models this service can serve. */
    List<ModelInfo> models();
}

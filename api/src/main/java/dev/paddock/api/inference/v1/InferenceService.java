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

    /**
     * Whether {@link #generate} and subscribing to its stream are cheap enough for this request to
     * run on an event loop: no blocking, a small bounded amount of CPU (a short prompt to template
     * and tokenize). The gateway then skips the hand-off to a worker thread, one thread wake-up less
     * before the first token. By default every request is started on a worker thread.
     */
    default boolean startsInline(GenerateRequest request) {
        return false;
    }

    /** Computes embeddings; fails with {@link InferenceException}. */
    Uni<EmbedResult> embed(EmbedRequest request);

    /** The models this service can serve. */
    List<ModelInfo> models();
}

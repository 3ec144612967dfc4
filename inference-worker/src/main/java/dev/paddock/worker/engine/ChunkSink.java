package dev.paddock.worker.engine;

import dev.paddock.api.inference.v1.Chunk;

/**
 * Receives a generation's chunks on the scheduler's thread. It must not block; the last chunk
 * (with a finish reason) is always delivered exactly once.
 */
@FunctionalInterface
public interface ChunkSink {
    void accept(Chunk chunk);
}

package dev.paddock.gateway.metrics;

import dev.paddock.api.inference.v1.Chunk;
import java.util.concurrent.TimeUnit;

/**
 * Follows one generation's chunks: records the time to the first token, the time between tokens
 * (a chunk of k tokens counts k gaps of a k-th of its wait), and the token counts when it finishes.
 * Chunks of one generation arrive in order, one at a time.
 */
public final class GenerationTimer {

    private final ModelMeters meters;
    private final long start;
    private long last;

    GenerationTimer(ModelMeters meters, long startNanos) {
        this.meters = meters;
        this.start = startNanos;
    }

    /** Records what a chunk tells. */
    public void onChunk(Chunk chunk) {
        if (chunk.tokens() > 0) {
            long now = System.nanoTime();
            if (last == 0) {
                meters.timeToFirstToken().record(now - start, TimeUnit.NANOSECONDS);
            } else {
                long gap = (now - last) / chunk.tokens();
                for (int i = 0; i < chunk.tokens(); i++) {
                    meters.interTokenLatency().record(gap, TimeUnit.NANOSECONDS);
                }
            }
            last = now;
        }
        if (chunk.usage() != null) {
            meters.promptTokens().increment(chunk.usage().promptTokens());
            meters.generationTokens().increment(chunk.usage().completionTokens());
        }
    }

    /** Records the request's latency, start to end; called once when all its generations finished. */
    public static void requestFinished(ModelMeters meters, long startNanos) {
        meters.endToEnd().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}

package dev.paddock.worker.engine;

/**
 * A snapshot of one model's engine counters, for metrics.
 *
 * @param slots sequences decoded together
 * @param running requests holding a slot
 * @param waiting requests queued for a slot
 * @param promptTokensComputed prompt tokens run through the model since load
 * @param promptTokensCached prompt tokens reused from the KV cache since load
 * @param tokensGenerated tokens generated since load
 */
public record EngineStats(int slots, int running, int waiting, long promptTokensComputed, long promptTokensCached,
        long tokensGenerated) {
}

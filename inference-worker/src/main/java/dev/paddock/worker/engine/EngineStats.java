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
 * @param kvCellsUsed KV cache cells holding a token (running requests and the prompt cache kept for reuse);
 *        0 for embedding models
 * @param kvCells KV cache cells of the context; 0 for embedding models
 * @param runningBatch batch-priority requests holding a slot (included in {@code running})
 * @param batchSlots the most slots batch requests may hold at once (the rest are kept for interactive ones)
 */
public record EngineStats(int slots, int running, int waiting, long promptTokensComputed, long promptTokensCached,
        long tokensGenerated, int kvCellsUsed, int kvCells, int runningBatch, int batchSlots) {

    /** The share of the KV cache in use, 0 to 1 (0 without a KV cache). */
    public double kvCacheUsage() {
        return kvCells == 0 ? 0 : (double) kvCellsUsed / kvCells;
    }
}

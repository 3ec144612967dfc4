package dev.paddock.worker.engine;

/**
 * How a model is loaded and run.
 *
 * @param contextSize tokens of context per slot; 0 = the model's training context (capped at 4096)
 * @param parallel slots: sequences decoded together in one batch
 * @param threads CPU threads for generation; 0 = choose (1 for tiny models, else the available cores)
 * @param batchSize most tokens submitted to one decode step (prompt chunks included)
 * @param gpuLayers layers to offload to the GPU; -1 = all, 0 = none
 * @param embeddings load for embeddings (pooled vectors) instead of generation
 * @param maxQueued requests of each priority class that may wait for a slot before new ones of that class are
 *        rejected: interactive and batch requests have a line of this length each, so waiting batch work never
 *        makes an interactive request be rejected (embedding models have one line of this length)
 * @param chatTemplate a Jinja chat template, or a llama.cpp built-in template name, overriding the
 *        model's own; null to use the model's
 * @param interactiveSlots slots batch requests may not take, kept free for interactive ones (which may
 *        use every slot); -1 = automatic: 1 when there are 2 or more slots, else 0
 */
public record ModelOptions(int contextSize, int parallel, int threads, int batchSize, int gpuLayers,
        boolean embeddings, int maxQueued, String chatTemplate, int interactiveSlots) {

    /** The value of {@link #interactiveSlots()} that lets the engine choose. */
    public static final int AUTOMATIC = -1;

    public static ModelOptions defaults() {
        return new ModelOptions(0, 4, 0, 512, -1, false, 256, null, AUTOMATIC);
    }

    /** The slots kept for interactive requests, with {@link #AUTOMATIC} resolved. */
    public int effectiveInteractiveSlots() {
        if (interactiveSlots != AUTOMATIC) {
            return interactiveSlots;
        }
        return parallel >= 2 ? 1 : 0;
    }

    public ModelOptions withContextSize(int value) {
        return new ModelOptions(value, parallel, threads, batchSize, gpuLayers, embeddings, maxQueued, chatTemplate,
                interactiveSlots);
    }

    public ModelOptions withParallel(int value) {
        return new ModelOptions(contextSize, value, threads, batchSize, gpuLayers, embeddings, maxQueued, chatTemplate,
                interactiveSlots);
    }

    public ModelOptions withThreads(int value) {
        return new ModelOptions(contextSize, parallel, value, batchSize, gpuLayers, embeddings, maxQueued, chatTemplate,
                interactiveSlots);
    }

    public ModelOptions withBatchSize(int value) {
        return new ModelOptions(contextSize, parallel, threads, value, gpuLayers, embeddings, maxQueued, chatTemplate,
                interactiveSlots);
    }

    public ModelOptions withEmbeddings(boolean value) {
        return new ModelOptions(contextSize, parallel, threads, batchSize, gpuLayers, value, maxQueued, chatTemplate,
                interactiveSlots);
    }

    public ModelOptions withMaxQueued(int value) {
        return new ModelOptions(contextSize, parallel, threads, batchSize, gpuLayers, embeddings, value,
                chatTemplate, interactiveSlots);
    }

    public ModelOptions withChatTemplate(String value) {
        return new ModelOptions(contextSize, parallel, threads, batchSize, gpuLayers, embeddings, maxQueued, value,
                interactiveSlots);
    }

    public ModelOptions withInteractiveSlots(int value) {
        return new ModelOptions(contextSize, parallel, threads, batchSize, gpuLayers, embeddings, maxQueued,
                chatTemplate, value);
    }

    /** Checks every field, naming the first one out of range. */
    public ModelOptions validate() {
        require(contextSize >= 0, "contextSize", "must be 0 (from the model) or more");
        require(parallel >= 1 && parallel <= 256, "parallel", "must be between 1 and 256");
        require(threads >= 0, "threads", "must be 0 (automatic) or more");
        require(batchSize >= 1, "batchSize", "must be at least 1");
        require(gpuLayers >= -1, "gpuLayers", "must be -1 (all) or more");
        require(maxQueued >= 0, "maxQueued", "must be 0 or more");
        require(interactiveSlots >= AUTOMATIC && (interactiveSlots < parallel || interactiveSlots == 0),
                "interactiveSlots", "must be -1 (automatic) or from 0 to parallel - 1 (" + (parallel - 1)
                        + "), so that batch requests keep a slot");
        return this;
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + message);
        }
    }
}

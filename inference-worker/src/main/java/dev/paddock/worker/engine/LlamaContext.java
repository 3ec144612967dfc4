package dev.paddock.worker.engine;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.paddock.worker.llama.Llama;
import dev.paddock.worker.llama.LlamaLayouts;
import dev.paddock.worker.llama.LlamaRuntime;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A llama.cpp context (KV cache and compute buffers) over a model, with {@code sequences}
 * independent sequences of {@code contextPerSequence} tokens each. Only one thread may use it at a
 * time: the scheduler's. Closing frees the native memory.
 */
final class LlamaContext implements AutoCloseable {

    /** llama.cpp's pooling types. */
    static final int POOLING_NONE = 0;
    /** llama_flash_attn_type values. */
    static final int FLASH_ATTN_AUTO = -1;
    static final int FLASH_ATTN_OFF = 0;

    private final LlamaModel model;
    private final Arena arena = Arena.ofShared();
    private MemorySegment ctx;
    private final MemorySegment memory;
    private final Batch batch;
    private final int contextPerSequence;
    private final int sequences;

    private LlamaContext(LlamaModel model, MemorySegment ctx, int sequences, int batchSize) {
        this.model = model;
        this.ctx = ctx;
        this.memory = Llama.getMemory(ctx);
        this.sequences = sequences;
        this.contextPerSequence = Llama.nCtxSeq(ctx);
        this.batch = new Batch(arena, batchSize);
    }

    /**
     * Creates a context.
     *
     * @param contextPerSequence tokens of context for each sequence
     * @param sequences independent sequences (slots)
     * @param batchSize most tokens per decode call
     * @param threads CPU threads
     * @param embeddings produce pooled embeddings instead of logits
     */
    static LlamaContext create(LlamaModel model, int contextPerSequence, int sequences, int batchSize, int threads,
            boolean embeddings) {
        return create(model, contextPerSequence, sequences, batchSize, threads, embeddings, FLASH_ATTN_AUTO);
    }

    /** As {@link #create(LlamaModel, int, int, int, int, boolean)}, choosing flash attention (-1 auto, 0 off, 1 on). */
    static LlamaContext create(LlamaModel model, int contextPerSequence, int sequences, int batchSize, int threads,
            boolean embeddings, int flashAttention) {
        LlamaRuntime.drainRecentErrors();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = Llama.contextDefaultParams(arena);
            setInt(p, "n_ctx", contextPerSequence * sequences);
            setInt(p, "n_batch", batchSize);
            setInt(p, "n_ubatch", batchSize);
            setInt(p, "n_seq_max", sequences);
            setInt(p, "n_threads", threads);
            setInt(p, "n_threads_batch", threads);
            setBool(p, "embeddings", embeddings);
            setInt(p, "flash_attn_type", flashAttention);
            setBool(p, "no_perf", true);
            // separate KV per sequence: each slot is guaranteed its whole context
            setBool(p, "kv_unified", false);
            MemorySegment ctx = Llama.initFromModel(model.handle(), p);
            if (ctx.equals(MemorySegment.NULL)) {
                throw new ModelLoadException(model.file(), "cannot create a context of " + contextPerSequence + " x "
                        + sequences + " tokens: " + LlamaRuntime.drainRecentErrors());
            }
            return new LlamaContext(model, ctx, sequences, batchSize);
        }
    }

    LlamaModel model() {
        return model;
    }

    Batch batch() {
        return batch;
    }

    int contextPerSequence() {
        return contextPerSequence;
    }

    int sequences() {
        return sequences;
    }

    int poolingType() {
        return Llama.poolingType(handle());
    }

    /** Runs the batch; returns llama_decode's status (0 ok, 1 no room in the KV cache, 2 aborted, < 0 error). */
    int decode() {
        return Llama.decode(handle(), batch.struct());
    }

    /** The logits at a batch index with output enabled, valid until the next decode. */
    MemorySegment logits(int batchIndex) {
        return Llama.getLogitsIth(handle(), batchIndex).reinterpret((long) model.vocabSize() * Float.BYTES);
    }

    /** The pooled embedding of a sequence after a decode, or null when the context does not pool. */
    float[] pooledEmbedding(int sequence) {
        MemorySegment e = Llama.getEmbeddingsSeq(handle(), sequence);
        if (e.equals(MemorySegment.NULL)) {
            return null;
        }
        return e.reinterpret((long) model.embeddingSize() * Float.BYTES).toArray(JAVA_FLOAT);
    }

    /** The embedding of the token at a batch index (for models without pooling). */
    float[] tokenEmbedding(int batchIndex) {
        MemorySegment e = Llama.getEmbeddingsIth(handle(), batchIndex);
        return e.reinterpret((long) model.embeddingSize() * Float.BYTES).toArray(JAVA_FLOAT);
    }

    /** Forgets a sequence's cached tokens from a position on (-1 = all). */
    void forget(int sequence, int fromPosition) {
        if (!memory.equals(MemorySegment.NULL)) {
            Llama.memorySeqRm(memory, sequence, Math.max(fromPosition, 0), -1);
        }
    }

    /**
     * KV cells holding a token now, as llama.cpp reports them: for each sequence the span of positions it
     * holds (the engine keeps each sequence's positions contiguous from 0, one cell per position).
     */
    int usedCells() {
        if (memory.equals(MemorySegment.NULL)) {
            return 0;
        }
        int used = 0;
        for (int s = 0; s < sequences; s++) {
            int max = Llama.memorySeqPosMax(memory, s);
            if (max >= 0) {
                used += max - Math.max(0, Llama.memorySeqPosMin(memory, s)) + 1;
            }
        }
        return used;
    }

    /** KV cells of the context (all sequences together). */
    int cells() {
        return Llama.nCtx(handle());
    }

    /** Forgets every sequence. */
    void clear() {
        if (!memory.equals(MemorySegment.NULL)) {
            Llama.memoryClear(memory, false);
        }
    }

    /** The scratch pointer of the native context, for the sampler. */
    MemorySegment handle() {
        MemorySegment c = ctx;
        if (c == null) {
            throw new IllegalStateException("context is closed");
        }
        return c;
    }

    @Override
    public synchronized void close() {
        if (ctx != null) {
            Llama.free(ctx);
            ctx = null;
            arena.close();
        }
    }

    private static void setInt(MemorySegment p, String field, int value) {
        p.set(JAVA_INT, LlamaLayouts.CONTEXT_PARAMS.byteOffset(groupElement(field)), value);
    }

    private static void setBool(MemorySegment p, String field, boolean value) {
        p.set(JAVA_BOOLEAN, LlamaLayouts.CONTEXT_PARAMS.byteOffset(groupElement(field)), value);
    }
}

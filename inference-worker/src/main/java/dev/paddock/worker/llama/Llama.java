package dev.paddock.worker.llama;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Downcalls into libllama/libggml of the loaded llama.cpp release. The handles are static final
 * so the JIT inlines them; loading this class loads the native libraries (see {@link LlamaRuntime}).
 * Pointers are {@link MemorySegment}s of size zero; callers own every buffer they pass.
 */
public final class Llama {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LlamaRuntime.load();

    private Llama() {
    }

    // --- backend, logging
    private static final MethodHandle BACKEND_INIT = fn("llama_backend_init", FunctionDescriptor.ofVoid());
    private static final MethodHandle LOG_SET = fn("llama_log_set", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    private static final MethodHandle SYSTEM_INFO = fn("llama_print_system_info", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle SUPPORTS_GPU = fn("llama_supports_gpu_offload",
            FunctionDescriptor.of(JAVA_BOOLEAN));
    private static final MethodHandle LOAD_BACKENDS = fn("ggml_backend_load_all_from_path",
            FunctionDescriptor.ofVoid(ADDRESS));

    // --- model
    private static final MethodHandle MODEL_DEFAULT_PARAMS = fn("llama_model_default_params",
            FunctionDescriptor.of(LlamaLayouts.MODEL_PARAMS));
    private static final MethodHandle MODEL_LOAD = fn("llama_model_load_from_file",
            FunctionDescriptor.of(ADDRESS, ADDRESS, LlamaLayouts.MODEL_PARAMS));
    private static final MethodHandle MODEL_FREE = fn("llama_model_free", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle MODEL_VOCAB = fn("llama_model_get_vocab", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle MODEL_N_CTX_TRAIN = fn("llama_model_n_ctx_train",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MODEL_N_EMBD = fn("llama_model_n_embd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MODEL_N_LAYER = fn("llama_model_n_layer", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MODEL_HAS_ENCODER = fn("llama_model_has_encoder",
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    private static final MethodHandle MODEL_HAS_DECODER = fn("llama_model_has_decoder",
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    private static final MethodHandle MODEL_META_VAL = fn("llama_model_meta_val_str",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle MODEL_CHAT_TEMPLATE = fn("llama_model_chat_template",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle MODEL_DESC = fn("llama_model_desc",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle MODEL_SIZE = fn("llama_model_size", FunctionDescriptor.of(JAVA_LONG, ADDRESS));

    // --- context
    private static final MethodHandle CONTEXT_DEFAULT_PARAMS = fn("llama_context_default_params",
            FunctionDescriptor.of(LlamaLayouts.CONTEXT_PARAMS));
    private static final MethodHandle INIT_FROM_MODEL = fn("llama_init_from_model",
            FunctionDescriptor.of(ADDRESS, ADDRESS, LlamaLayouts.CONTEXT_PARAMS));
    private static final MethodHandle FREE = fn("llama_free", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle N_CTX = fn("llama_n_ctx", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle N_CTX_SEQ = fn("llama_n_ctx_seq", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle N_BATCH = fn("llama_n_batch", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle POOLING_TYPE = fn("llama_pooling_type", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle GET_MEMORY = fn("llama_get_memory", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle MEMORY_CLEAR = fn("llama_memory_clear",
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_BOOLEAN));
    private static final MethodHandle MEMORY_SEQ_RM = fn("llama_memory_seq_rm",
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle MEMORY_SEQ_POS_MAX = fn("llama_memory_seq_pos_max",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MEMORY_SEQ_POS_MIN = fn("llama_memory_seq_pos_min",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle DECODE = fn("llama_decode",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, LlamaLayouts.BATCH));
    private static final MethodHandle ENCODE = fn("llama_encode",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, LlamaLayouts.BATCH));
    private static final MethodHandle GET_LOGITS_ITH = fn("llama_get_logits_ith",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle GET_EMBEDDINGS_SEQ = fn("llama_get_embeddings_seq",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle GET_EMBEDDINGS_ITH = fn("llama_get_embeddings_ith",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));

    // --- vocab
    private static final MethodHandle VOCAB_N_TOKENS = fn("llama_vocab_n_tokens", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle VOCAB_IS_EOG = fn("llama_vocab_is_eog",
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS, JAVA_INT));
    private static final MethodHandle VOCAB_BOS = fn("llama_vocab_bos", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle VOCAB_EOS = fn("llama_vocab_eos", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle VOCAB_ADD_BOS = fn("llama_vocab_get_add_bos",
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    private static final MethodHandle VOCAB_ADD_EOS = fn("llama_vocab_get_add_eos",
            FunctionDescriptor.of(JAVA_BOOLEAN, ADDRESS));
    private static final MethodHandle TOKENIZE = fn("llama_tokenize", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS,
            JAVA_INT, ADDRESS, JAVA_INT, JAVA_BOOLEAN, JAVA_BOOLEAN));
    private static final MethodHandle TOKEN_TO_PIECE = fn("llama_token_to_piece",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_BOOLEAN));
    private static final MethodHandle CHAT_APPLY_TEMPLATE = fn("llama_chat_apply_template",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_BOOLEAN, ADDRESS, JAVA_INT));

    // --- samplers
    private static final MethodHandle CHAIN_INIT = fn("llama_sampler_chain_init",
            FunctionDescriptor.of(ADDRESS, LlamaLayouts.SAMPLER_CHAIN_PARAMS));
    private static final MethodHandle CHAIN_ADD = fn("llama_sampler_chain_add", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    private static final MethodHandle SAMPLER_GREEDY = fn("llama_sampler_init_greedy", FunctionDescriptor.of(ADDRESS));
    private static final MethodHandle SAMPLER_DIST = fn("llama_sampler_init_dist", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle SAMPLER_TOP_K = fn("llama_sampler_init_top_k",
            FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle SAMPLER_TOP_P = fn("llama_sampler_init_top_p",
            FunctionDescriptor.of(ADDRESS, JAVA_FLOAT, JAVA_LONG));
    private static final MethodHandle SAMPLER_MIN_P = fn("llama_sampler_init_min_p",
            FunctionDescriptor.of(ADDRESS, JAVA_FLOAT, JAVA_LONG));
    private static final MethodHandle SAMPLER_TEMP = fn("llama_sampler_init_temp", FunctionDescriptor.of(ADDRESS, JAVA_FLOAT));
    private static final MethodHandle SAMPLER_PENALTIES = fn("llama_sampler_init_penalties",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, JAVA_FLOAT, JAVA_FLOAT, JAVA_FLOAT));
    private static final MethodHandle SAMPLER_LOGIT_BIAS = fn("llama_sampler_init_logit_bias",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SAMPLER_GRAMMAR = fn("llama_sampler_init_grammar",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle SAMPLER_SAMPLE = fn("llama_sampler_sample",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle SAMPLER_ACCEPT = fn("llama_sampler_accept",
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    private static final MethodHandle SAMPLER_APPLY = fn("llama_sampler_apply", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    private static final MethodHandle SAMPLER_FREE = fn("llama_sampler_free", FunctionDescriptor.ofVoid(ADDRESS));

    static {
        LlamaRuntime.afterBindings();
    }

    private static MethodHandle fn(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("llama.cpp symbol " + name + " not found"));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** Does nothing; calling it makes sure the class, and so llama.cpp, is initialized. */
    public static void touch() {
    }

    public static void backendInit() {
        try {
            BACKEND_INIT.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void logSet(MemorySegment callback, MemorySegment userData) {
        try {
            LOG_SET.invokeExact(callback, userData);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static String systemInfo() {
        try {
            return ((MemorySegment) SYSTEM_INFO.invokeExact()).reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean supportsGpuOffload() {
        try {
            return (boolean) SUPPORTS_GPU.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void loadBackends(MemorySegment dir) {
        try {
            LOAD_BACKENDS.invokeExact(dir);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment modelDefaultParams(SegmentAllocator allocator) {
        try {
            return (MemorySegment) MODEL_DEFAULT_PARAMS.invokeExact(allocator);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment modelLoadFromFile(MemorySegment path, MemorySegment params) {
        try {
            return (MemorySegment) MODEL_LOAD.invokeExact(path, params);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void modelFree(MemorySegment model) {
        try {
            MODEL_FREE.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment modelVocab(MemorySegment model) {
        try {
            return (MemorySegment) MODEL_VOCAB.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int modelNCtxTrain(MemorySegment model) {
        try {
            return (int) MODEL_N_CTX_TRAIN.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int modelNEmbd(MemorySegment model) {
        try {
            return (int) MODEL_N_EMBD.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int modelNLayer(MemorySegment model) {
        try {
            return (int) MODEL_N_LAYER.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean modelHasEncoder(MemorySegment model) {
        try {
            return (boolean) MODEL_HAS_ENCODER.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean modelHasDecoder(MemorySegment model) {
        try {
            return (boolean) MODEL_HAS_DECODER.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int modelMetaValStr(MemorySegment model, MemorySegment key, MemorySegment buf, long size) {
        try {
            return (int) MODEL_META_VAL.invokeExact(model, key, buf, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment modelChatTemplate(MemorySegment model, MemorySegment name) {
        try {
            return (MemorySegment) MODEL_CHAT_TEMPLATE.invokeExact(model, name);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int modelDesc(MemorySegment model, MemorySegment buf, long size) {
        try {
            return (int) MODEL_DESC.invokeExact(model, buf, size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long modelSize(MemorySegment model) {
        try {
            return (long) MODEL_SIZE.invokeExact(model);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment contextDefaultParams(SegmentAllocator allocator) {
        try {
            return (MemorySegment) CONTEXT_DEFAULT_PARAMS.invokeExact(allocator);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment initFromModel(MemorySegment model, MemorySegment params) {
        try {
            return (MemorySegment) INIT_FROM_MODEL.invokeExact(model, params);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void free(MemorySegment ctx) {
        try {
            FREE.invokeExact(ctx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int nCtx(MemorySegment ctx) {
        try {
            return (int) N_CTX.invokeExact(ctx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int nCtxSeq(MemorySegment ctx) {
        try {
            return (int) N_CTX_SEQ.invokeExact(ctx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int nBatch(MemorySegment ctx) {
        try {
            return (int) N_BATCH.invokeExact(ctx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int poolingType(MemorySegment ctx) {
        try {
            return (int) POOLING_TYPE.invokeExact(ctx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getMemory(MemorySegment ctx) {
        try {
            return (MemorySegment) GET_MEMORY.invokeExact(ctx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void memoryClear(MemorySegment mem, boolean data) {
        try {
            MEMORY_CLEAR.invokeExact(mem, data);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean memorySeqRm(MemorySegment mem, int seq, int p0, int p1) {
        try {
            return (boolean) MEMORY_SEQ_RM.invokeExact(mem, seq, p0, p1);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int memorySeqPosMax(MemorySegment mem, int seq) {
        try {
            return (int) MEMORY_SEQ_POS_MAX.invokeExact(mem, seq);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The smallest position a sequence holds in the memory, -1 when it holds none. */
    public static int memorySeqPosMin(MemorySegment mem, int seq) {
        try {
            return (int) MEMORY_SEQ_POS_MIN.invokeExact(mem, seq);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int decode(MemorySegment ctx, MemorySegment batch) {
        try {
            return (int) DECODE.invokeExact(ctx, batch);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int encode(MemorySegment ctx, MemorySegment batch) {
        try {
            return (int) ENCODE.invokeExact(ctx, batch);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getLogitsIth(MemorySegment ctx, int i) {
        try {
            return (MemorySegment) GET_LOGITS_ITH.invokeExact(ctx, i);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getEmbeddingsSeq(MemorySegment ctx, int seq) {
        try {
            return (MemorySegment) GET_EMBEDDINGS_SEQ.invokeExact(ctx, seq);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment getEmbeddingsIth(MemorySegment ctx, int i) {
        try {
            return (MemorySegment) GET_EMBEDDINGS_ITH.invokeExact(ctx, i);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int vocabNTokens(MemorySegment vocab) {
        try {
            return (int) VOCAB_N_TOKENS.invokeExact(vocab);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean vocabIsEog(MemorySegment vocab, int token) {
        try {
            return (boolean) VOCAB_IS_EOG.invokeExact(vocab, token);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int vocabBos(MemorySegment vocab) {
        try {
            return (int) VOCAB_BOS.invokeExact(vocab);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int vocabEos(MemorySegment vocab) {
        try {
            return (int) VOCAB_EOS.invokeExact(vocab);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean vocabAddBos(MemorySegment vocab) {
        try {
            return (boolean) VOCAB_ADD_BOS.invokeExact(vocab);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static boolean vocabAddEos(MemorySegment vocab) {
        try {
            return (boolean) VOCAB_ADD_EOS.invokeExact(vocab);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int tokenize(MemorySegment vocab, MemorySegment text, int textLen, MemorySegment tokens, int max,
            boolean addSpecial, boolean parseSpecial) {
        try {
            return (int) TOKENIZE.invokeExact(vocab, text, textLen, tokens, max, addSpecial, parseSpecial);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int tokenToPiece(MemorySegment vocab, int token, MemorySegment buf, int len, int lstrip,
            boolean special) {
        try {
            return (int) TOKEN_TO_PIECE.invokeExact(vocab, token, buf, len, lstrip, special);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int chatApplyTemplate(MemorySegment tmpl, MemorySegment chat, long nMsg, boolean addAssistant,
            MemorySegment buf, int len) {
        try {
            return (int) CHAT_APPLY_TEMPLATE.invokeExact(tmpl, chat, nMsg, addAssistant, buf, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerChainInit(MemorySegment params) {
        try {
            return (MemorySegment) CHAIN_INIT.invokeExact(params);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void samplerChainAdd(MemorySegment chain, MemorySegment sampler) {
        try {
            CHAIN_ADD.invokeExact(chain, sampler);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerGreedy() {
        try {
            return (MemorySegment) SAMPLER_GREEDY.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerDist(int seed) {
        try {
            return (MemorySegment) SAMPLER_DIST.invokeExact(seed);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerTopK(int k) {
        try {
            return (MemorySegment) SAMPLER_TOP_K.invokeExact(k);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerTopP(float p, long minKeep) {
        try {
            return (MemorySegment) SAMPLER_TOP_P.invokeExact(p, minKeep);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerMinP(float p, long minKeep) {
        try {
            return (MemorySegment) SAMPLER_MIN_P.invokeExact(p, minKeep);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerTemp(float t) {
        try {
            return (MemorySegment) SAMPLER_TEMP.invokeExact(t);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    public static MemorySegment samplerPenalties(int nVocab, int lastN, float repeat, float freq, float present) {
        try {
            return (MemorySegment) SAMPLER_PENALTIES.invokeExact(nVocab, lastN, repeat, freq, present);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerLogitBias(int nVocab, int n, MemorySegment biases) {
        try {
            return (MemorySegment) SAMPLER_LOGIT_BIAS.invokeExact(nVocab, n, biases);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static MemorySegment samplerGrammar(MemorySegment vocab, MemorySegment grammar, MemorySegment root) {
        try {
            return (MemorySegment) SAMPLER_GRAMMAR.invokeExact(vocab, grammar, root);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int samplerSample(MemorySegment sampler, MemorySegment ctx, int idx) {
        try {
            return (int) SAMPLER_SAMPLE.invokeExact(sampler, ctx, idx);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void samplerAccept(MemorySegment sampler, int token) {
        try {
            SAMPLER_ACCEPT.invokeExact(sampler, token);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void samplerApply(MemorySegment sampler, MemorySegment cur) {
        try {
            SAMPLER_APPLY.invokeExact(sampler, cur);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static void samplerFree(MemorySegment sampler) {
        try {
            SAMPLER_FREE.invokeExact(sampler);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}

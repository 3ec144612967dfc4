package dev.paddock.worker.engine;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.paddock.worker.llama.Llama;
import dev.paddock.worker.llama.LlamaLayouts;
import dev.paddock.worker.llama.LlamaRuntime;
import java.io.ByteArrayOutputStream;
import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A loaded GGUF model: weights, vocabulary and metadata. One owner closes it; closing frees the
 * native memory, and any use after that fails with {@link IllegalStateException}. Tokenizing and
 * reading metadata are safe from any thread (the vocabulary is read-only once loaded).
 */
public final class LlamaModel implements AutoCloseable {

    private final Path file;
    private volatile MemorySegment model;
    private final MemorySegment vocab;
    private final int vocabSize;
    private final int trainContext;
    private final int embeddingSize;
    private final byte[][] pieces;
    private final boolean[] endOfGeneration;
    private final int[] endOfGenerationTokens;
    private final String bosText;

    private LlamaModel(Path file, MemorySegment model) {
        this.file = file;
        this.model = model;
        this.vocab = Llama.modelVocab(model);
        this.vocabSize = Llama.vocabNTokens(vocab);
        this.trainContext = Llama.modelNCtxTrain(model);
        this.embeddingSize = Llama.modelNEmbd(model);
        this.pieces = new byte[vocabSize][];
        this.endOfGeneration = new boolean[vocabSize];
        for (int t = 0; t < vocabSize; t++) {
            endOfGeneration[t] = Llama.vocabIsEog(vocab, t);
        }
        this.endOfGenerationTokens = indicesOf(endOfGeneration);
        this.bosText = specialTokenText(Llama.vocabBos(vocab));
    }

    /**
     * Loads a GGUF file.
     *
     * @param file the .gguf file
     * @param gpuLayers layers to offload (-1 all, 0 none; ignored without a GPU backend)
     * @throws ModelLoadException naming the file when it is missing, not GGUF, truncated or unsupported
     */
    public static LlamaModel load(Path file, int gpuLayers) {
        Path absolute = file.toAbsolutePath();
        GgufHeader.check(absolute);
        LlamaRuntime.ensureLoaded();
        LlamaRuntime.drainRecentErrors();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = Llama.modelDefaultParams(arena);
            params.set(JAVA_INT, LlamaLayouts.MODEL_PARAMS.byteOffset(groupElement("n_gpu_layers")),
                    gpuLayers < 0 ? Integer.MAX_VALUE : gpuLayers);
            MemorySegment handle = Llama.modelLoadFromFile(arena.allocateFrom(absolute.toString()), params);
            if (handle.equals(MemorySegment.NULL)) {
                String why = LlamaRuntime.drainRecentErrors();
                throw new ModelLoadException(absolute, why.isEmpty() ? "llama.cpp could not read it" : why);
            }
            return new LlamaModel(absolute, handle);
        }
    }

    public Path file() {
        return file;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int trainContext() {
        return trainContext;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    public boolean isEndOfGeneration(int token) {
        return token >= 0 && token < vocabSize && endOfGeneration[token];
    }

    int[] endOfGenerationTokens() {
        return endOfGenerationTokens;
    }

    MemorySegment handle() {
        MemorySegment m = model;
        if (m == null) {
            throw new IllegalStateException("model " + file + " is closed");
        }
        return m;
    }

    MemorySegment vocab() {
        handle();
        return vocab;
    }

    /**
     * Text to tokens.
     *
     * @param addSpecial add BOS/EOS as the model's tokenizer is configured to
     * @param parseSpecial turn special-token text such as {@code <|im_start|>} into those tokens
     */
    public int[] tokenize(String text, boolean addSpecial, boolean parseSpecial) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(Math.max(1, utf8.length));
            MemorySegment.copy(utf8, 0, bytes, JAVA_BYTE, 0, utf8.length);
            int capacity = utf8.length + 8;
            MemorySegment out = arena.allocate(JAVA_INT, capacity);
            int n = Llama.tokenize(vocab(), bytes, utf8.length, out, capacity, addSpecial, parseSpecial);
            if (n < 0) {
                capacity = -n;
                out = arena.allocate(JAVA_INT, capacity);
                n = Llama.tokenize(vocab(), bytes, utf8.length, out, capacity, addSpecial, parseSpecial);
            }
            if (n < 0) {
                throw new IllegalArgumentException("text cannot be tokenized (" + utf8.length + " bytes)");
            }
            return out.asSlice(0, (long) n * Integer.BYTES).toArray(JAVA_INT);
        }
    }

    /** The raw bytes a token stands for in generated text (control tokens render as nothing). */
    public byte[] piece(int token) {
        if (token < 0 || token >= vocabSize) {
            throw new IllegalArgumentException("token id " + token + " is outside the vocabulary (0-" + (vocabSize - 1)
                    + ")");
        }
        byte[] p = pieces[token];
        if (p == null) {
            p = renderPiece(token);
            pieces[token] = p;
        }
        return p;
    }

    /** Tokens to text; incomplete UTF-8 at the end becomes a replacement character. */
    public String detokenize(int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int t : tokens) {
            out.writeBytes(piece(t));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A GGUF metadata value as text, or null when the key is absent. */
    public String metadata(String key) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment k = arena.allocateFrom(key);
            int n = Llama.modelMetaValStr(handle(), k, MemorySegment.NULL, 0);
            if (n < 0) {
                return null;
            }
            MemorySegment buf = arena.allocate(n + 1L);
            Llama.modelMetaValStr(handle(), k, buf, n + 1L);
            return buf.getString(0);
        }
    }

    /** The model's own chat template (GGUF tokenizer.chat_template), or null. */
    public String chatTemplate() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment t = Llama.modelChatTemplate(handle(), MemorySegment.NULL);
            return t.equals(MemorySegment.NULL) ? null : t.reinterpret(Long.MAX_VALUE).getString(0);
        }
    }

    /** The text of a special token such as BOS, or "" when the model has none. */
    public String specialTokenText(int token) {
        if (token < 0 || token >= vocabSize) {
            return "";
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256);
            int n = Llama.tokenToPiece(vocab(), token, buf, 256, 0, true);
            return n <= 0 ? "" : new String(buf.asSlice(0, n).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }

    /** The text of the beginning-of-sequence token, or "" when the model has none (read once at load). */
    public String bosText() {
        return bosText;
    }

    public int bosToken() {
        return Llama.vocabBos(vocab());
    }

    public int eosToken() {
        return Llama.vocabEos(vocab());
    }

    public boolean addsBos() {
        return Llama.vocabAddBos(vocab());
    }

    /** A short description such as "llama ?B Q8_0". */
    public String description() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256);
            int n = Llama.modelDesc(handle(), buf, 256);
            return n <= 0 ? "" : buf.getString(0);
        }
    }

    /** Bytes of weights. */
    public long sizeBytes() {
        return Llama.modelSize(handle());
    }

    @Override
    public synchronized void close() {
        MemorySegment m = model;
        if (m != null) {
            model = null;
            Llama.modelFree(m);
        }
    }

    private byte[] renderPiece(int token) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(128);
            int n = Llama.tokenToPiece(vocab(), token, buf, 128, 0, false);
            if (n < 0) {
                buf = arena.allocate(-n);
                n = Llama.tokenToPiece(vocab(), token, buf, -n, 0, false);
            }
            return n <= 0 ? new byte[0] : buf.asSlice(0, n).toArray(JAVA_BYTE);
        }
    }

    private static int[] indicesOf(boolean[] flags) {
        int[] out = new int[flags.length];
        int n = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}

package dev.paddock.bench;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.paddock.testing.TestModels;
import dev.paddock.worker.llama.Llama;
import dev.paddock.worker.llama.LlamaLayouts;
import dev.paddock.worker.llama.LlamaRuntime;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The native floor, for finding where time goes: llama.cpp driven directly through Paddock's public
 * FFM bindings with no scheduler, no sink, no HTTP. A context is made as Paddock's engine makes one
 * (n_ctx = context x parallel, kv_unified false, n_batch = n_ubatch = 512), then:
 *
 * <ul>
 * <li>generation (stories260K): the bench's request on B sequences at once, llama_decode plus one
 * greedy sample per sequence per step; prints microseconds per step, so that Paddock's inter-token
 * time at concurrency B minus this is the engine's own per-step overhead;</li>
 * <li>embeddings (MiniLM): one llama_decode of B one-sentence inputs; milliseconds per batch.</li>
 * </ul>
 *
 * Options: {@code --threads N} (1), {@code --fa auto|on|off} (auto, llama.cpp's default),
 * {@code --rounds N} (3). Run it with {@code bench/native-floor.sh}.
 */
public final class NativeFloor {

    private NativeFloor() {
    }

    public static void main(String[] argv) {
        Args a = Args.parse(argv);
        int threads = a.getInt("threads", 1);
        int fa = switch (a.get("fa", "auto")) {
            case "auto" -> -1;
            case "off" -> 0;
            case "on" -> 1;
            default -> throw new IllegalArgumentException("--fa is auto, on or off");
        };
        int rounds = a.getInt("rounds", 3);
        LlamaRuntime.ensureLoaded();
        System.out.printf(Locale.ROOT, "native floor: threads=%d flash_attn=%s (llama.cpp %s backend)%n", threads,
                a.get("fa", "auto"), LlamaRuntime.backend());
        generation(threads, fa, rounds);
        embeddings(threads, fa, rounds);
    }

    private static void generation(int threads, int fa, int rounds) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment model = loadModel(arena, TestModels.stories260K().toString());
            MemorySegment ctx = context(arena, model, Bench.GEN_CONTEXT, Bench.PARALLEL, threads, fa, false);
            NativeBatch batch = new NativeBatch(arena, Bench.BATCH);
            int[] prompt = tokenize(arena, Llama.modelVocab(model), Workloads.PROMPT);
            MemorySegment memory = Llama.getMemory(ctx);
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("generation, step = llama_decode + greedy sample:");
                for (int b : new int[] { 1, 4, 8 }) {
                    MemorySegment[] samplers = new MemorySegment[b];
                    for (int i = 0; i < b; i++) {
                        MemorySegment p = arena.allocate(LlamaLayouts.SAMPLER_CHAIN_PARAMS);
                        p.set(JAVA_BOOLEAN, 0, true);
                        samplers[i] = Llama.samplerChainInit(p);
                        Llama.samplerChainAdd(samplers[i], Llama.samplerGreedy());
                    }
                    long nanos = 0;
                    int steps = 0;
                    for (int rep = 0; rep < 6; rep++) {
                        for (int i = 0; i < b; i++) {
                            Llama.memorySeqRm(memory, i, 0, -1);
                        }
                        batch.clear();
                        int[] idx = new int[b];
                        for (int i = 0; i < b; i++) {
                            for (int p = 0; p < prompt.length; p++) {
                                idx[i] = batch.add(prompt[p], p, i, p == prompt.length - 1);
                            }
                        }
                        check(Llama.decode(ctx, batch.struct()));
                        int[] last = new int[b];
                        for (int i = 0; i < b; i++) {
                            last[i] = Llama.samplerSample(samplers[i], ctx, idx[i]);
                        }
                        for (int t = 1; t < 128; t++) {
                            long t0 = System.nanoTime();
                            batch.clear();
                            for (int i = 0; i < b; i++) {
                                idx[i] = batch.add(last[i], prompt.length + t - 1, i, true);
                            }
                            check(Llama.decode(ctx, batch.struct()));
                            for (int i = 0; i < b; i++) {
                                last[i] = Llama.samplerSample(samplers[i], ctx, idx[i]);
                            }
                            if (rep > 0) {
                                nanos += System.nanoTime() - t0;
                                steps++;
                            }
                        }
                    }
                    Arrays.stream(samplers).forEach(Llama::samplerFree);
                    line.append(String.format(Locale.ROOT, "  B=%d %.1f us/step (%.0f tok/s)", b, nanos / 1e3 / steps,
                            b * steps / (nanos / 1e9)));
                }
                System.out.println(line);
            }
            Llama.free(ctx);
            Llama.modelFree(model);
        }
    }

    private static void embeddings(int threads, int fa, int rounds) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment model = loadModel(arena, TestModels.miniLm().toString());
            MemorySegment ctx = context(arena, model, Bench.EMBED_CONTEXT, Bench.PARALLEL, threads, fa, true);
            NativeBatch batch = new NativeBatch(arena, Bench.BATCH);
            int[] tokens = tokenize(arena, Llama.modelVocab(model), Workloads.sentence(0));
            for (int round = 0; round < rounds; round++) {
                StringBuilder line = new StringBuilder("embeddings, one llama_decode of B " + tokens.length
                        + "-token inputs:");
                for (int b : new int[] { 1, 2, 4, 6, 8 }) {
                    long nanos = 0;
                    int n = 0;
                    for (int rep = 0; rep < 30; rep++) {
                        batch.clear();
                        for (int s = 0; s < b; s++) {
                            for (int p = 0; p < tokens.length; p++) {
                                batch.add(tokens[p], p, s, true);
                            }
                        }
                        long t0 = System.nanoTime();
                        check(Llama.decode(ctx, batch.struct()));
                        if (rep >= 5) {
                            nanos += System.nanoTime() - t0;
                            n++;
                        }
                    }
                    line.append(String.format(Locale.ROOT, "  B=%d %.2f ms (%.0f inputs/s)", b, nanos / 1e6 / n,
                            b * n / (nanos / 1e9)));
                }
                System.out.println(line);
            }
            Llama.free(ctx);
            Llama.modelFree(model);
        }
    }

    private static MemorySegment loadModel(Arena arena, String path) {
        MemorySegment p = Llama.modelDefaultParams(arena);
        MemorySegment m = Llama.modelLoadFromFile(arena.allocateFrom(path), p);
        if (m.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("cannot load " + path);
        }
        return m;
    }

    private static MemorySegment context(Arena arena, MemorySegment model, int perSequence, int sequences,
            int threads, int fa, boolean embeddings) {
        MemorySegment p = Llama.contextDefaultParams(arena);
        setInt(p, "n_ctx", perSequence * sequences);
        setInt(p, "n_batch", Bench.BATCH);
        setInt(p, "n_ubatch", Bench.BATCH);
        setInt(p, "n_seq_max", sequences);
        setInt(p, "n_threads", threads);
        setInt(p, "n_threads_batch", threads);
        setInt(p, "flash_attn_type", fa);
        setBool(p, "embeddings", embeddings);
        setBool(p, "no_perf", true);
        setBool(p, "kv_unified", false);
        MemorySegment ctx = Llama.initFromModel(model, p);
        if (ctx.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("cannot create a context: " + LlamaRuntime.drainRecentErrors());
        }
        return ctx;
    }

    private static int[] tokenize(Arena arena, MemorySegment vocab, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        MemorySegment bytes = arena.allocate(utf8.length + 1L);
        MemorySegment.copy(utf8, 0, bytes, JAVA_BYTE, 0, utf8.length);
        MemorySegment out = arena.allocate(JAVA_INT, 512);
        int n = Llama.tokenize(vocab, bytes, utf8.length, out, 512, true, true);
        if (n < 0) {
            throw new IllegalStateException("cannot tokenize");
        }
        return out.asSlice(0, (long) n * Integer.BYTES).toArray(JAVA_INT);
    }

    private static void check(int rc) {
        if (rc != 0) {
            throw new IllegalStateException("llama_decode returned " + rc);
        }
    }

    private static void setInt(MemorySegment p, String field, int value) {
        p.set(JAVA_INT, LlamaLayouts.CONTEXT_PARAMS.byteOffset(groupElement(field)), value);
    }

    private static void setBool(MemorySegment p, String field, boolean value) {
        p.set(JAVA_BOOLEAN, LlamaLayouts.CONTEXT_PARAMS.byteOffset(groupElement(field)), value);
    }

    /** A llama_batch with one sequence id per token, like the engine's. */
    private static final class NativeBatch {
        private final MemorySegment struct;
        private final MemorySegment tokens;
        private final MemorySegment positions;
        private final MemorySegment seqIds;
        private final MemorySegment outputs;
        private int size;

        NativeBatch(Arena arena, int capacity) {
            struct = arena.allocate(LlamaLayouts.BATCH);
            tokens = arena.allocate(JAVA_INT, capacity);
            positions = arena.allocate(JAVA_INT, capacity);
            seqIds = arena.allocate(JAVA_INT, capacity);
            outputs = arena.allocate(JAVA_BYTE, capacity);
            MemorySegment counts = arena.allocate(JAVA_INT, capacity);
            MemorySegment pointers = arena.allocate(ADDRESS, capacity);
            for (int i = 0; i < capacity; i++) {
                counts.setAtIndex(JAVA_INT, i, 1);
                pointers.setAtIndex(ADDRESS, i, seqIds.asSlice((long) i * Integer.BYTES, Integer.BYTES));
            }
            set("token", tokens);
            set("embd", MemorySegment.NULL);
            set("pos", positions);
            set("n_seq_id", counts);
            set("seq_id", pointers);
            set("logits", outputs);
        }

        void clear() {
            size = 0;
        }

        int add(int token, int position, int sequence, boolean output) {
            int i = size++;
            tokens.setAtIndex(JAVA_INT, i, token);
            positions.setAtIndex(JAVA_INT, i, position);
            seqIds.setAtIndex(JAVA_INT, i, sequence);
            outputs.setAtIndex(JAVA_BYTE, i, (byte) (output ? 1 : 0));
            return i;
        }

        MemorySegment struct() {
            struct.set(JAVA_INT, LlamaLayouts.BATCH.byteOffset(groupElement("n_tokens")), size);
            return struct;
        }

        private void set(String field, MemorySegment value) {
            struct.set(ADDRESS, LlamaLayouts.BATCH.byteOffset(groupElement(field)), value);
        }
    }
}

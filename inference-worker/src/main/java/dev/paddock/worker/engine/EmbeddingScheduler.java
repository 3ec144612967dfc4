package dev.paddock.worker.engine;

import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.worker.llama.LlamaRuntime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Computes embeddings in batches that mix inputs from different requests: each decode step takes
 * as many queued inputs as there are sequences and batch room, and reads one pooled vector per
 * sequence. One thread owns the context.
 */
final class EmbeddingScheduler implements AutoCloseable {

    /**
     * Batches of fewer tokens than this run on the context without flash attention: llama.cpp's CPU flash
     * attention only uses its tiled kernel from 64 tokens on, and below that plain attention is faster
     * (one MiniLM sentence: 2.35 ms instead of 3.1 ms), while bigger batches are faster with it.
     */
    static final int FLASH_ATTENTION_MIN_TOKENS = 64;

    private final LlamaContext ctx;
    private final LlamaContext smallBatches;
    private final int maxQueued;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Input> queue = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private static final long GATHER_WAIT_NANOS = 1_000_000;

    private volatile int inFlight;
    private int lastBatch;

    EmbeddingScheduler(LlamaContext ctx, LlamaContext smallBatches, int maxQueued, String name) {
        this.ctx = ctx;
        this.smallBatches = smallBatches;
        this.maxQueued = maxQueued;
        this.thread = Thread.ofPlatform().daemon().name("paddock-embed-" + name).start(this::run);
    }

    /** Queues every input of one request; the future completes when all are done. */
    CompletableFuture<EmbedResult> submit(List<int[]> inputs, boolean normalize) {
        Job job = new Job(inputs.size(), normalize);
        lock.lock();
        try {
            if (queue.size() + inputs.size() > maxQueued + ctx.sequences()) {
                throw new InferenceException(InferenceException.Kind.QUEUE_FULL, null,
                        "the model's queue is full; retry later");
            }
            for (int i = 0; i < inputs.size(); i++) {
                queue.addLast(new Input(job, i, inputs.get(i)));
            }
            work.signal();
        } finally {
            lock.unlock();
        }
        return job.result;
    }

    int running() {
        return inFlight;
    }

    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            List<Input> batch;
            try {
                batch = take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!batch.isEmpty()) {
                compute(batch);
            }
        }
    }

    private List<Input> take() throws InterruptedException {
        lock.lock();
        try {
            while (running && queue.isEmpty()) {
                work.await(1, TimeUnit.SECONDS);
            }
            // under concurrent load, wait briefly for the rest of the last batch's callers: small batches
            // miss llama.cpp's tiled attention kernel and cost more per input (never waits at concurrency 1)
            long wait = GATHER_WAIT_NANOS;
            while (running && wait > 0 && queue.size() < Math.min(lastBatch, ctx.sequences())) {
                wait = work.awaitNanos(wait);
            }
            List<Input> taken = new ArrayList<>();
            int room = ctx.batch().capacity();
            while (!queue.isEmpty() && taken.size() < ctx.sequences() && queue.peekFirst().tokens.length <= room) {
                Input in = queue.pollFirst();
                room -= in.tokens.length;
                taken.add(in);
            }
            inFlight = taken.size();
            lastBatch = taken.size();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    private void compute(List<Input> inputs) {
        int tokens = inputs.stream().mapToInt(in -> in.tokens.length).sum();
        compute(inputs, tokens < FLASH_ATTENTION_MIN_TOKENS ? smallBatches : ctx);
    }

    private void compute(List<Input> inputs, LlamaContext target) {
        Batch batch = target.batch();
        batch.clear();
        int[] lastIndex = new int[inputs.size()];
        for (int s = 0; s < inputs.size(); s++) {
            int[] tokens = inputs.get(s).tokens;
            for (int p = 0; p < tokens.length; p++) {
                lastIndex[s] = batch.add(tokens[p], p, s, true);
            }
        }
        try {
            int rc = target.decode();
            if (rc != 0) {
                throw new IllegalStateException("llama_decode failed with status " + rc + " "
                        + LlamaRuntime.drainRecentErrors());
            }
            for (int s = 0; s < inputs.size(); s++) {
                float[] v = target.pooledEmbedding(s);
                inputs.get(s).complete(v != null ? v : target.tokenEmbedding(lastIndex[s]));
            }
        } catch (RuntimeException e) {
            inputs.forEach(in -> in.job.result.completeExceptionally(
                    new InferenceException(InferenceException.Kind.INTERNAL, "embedding failed: " + e.getMessage(), e)));
        } finally {
            target.clear();
            inFlight = 0;
        }
    }

    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request: its vectors fill in as its inputs are computed, in any order. */
    private static final class Job {
        final float[][] vectors;
        final boolean normalize;
        final AtomicInteger remaining;
        final CompletableFuture<EmbedResult> result = new CompletableFuture<>();
        int tokens;

        Job(int inputs, boolean normalize) {
            this.vectors = new float[inputs][];
            this.normalize = normalize;
            this.remaining = new AtomicInteger(inputs);
        }
    }

    private record Input(Job job, int index, int[] tokens) {
        void complete(float[] vector) {
            job.vectors[index] = job.normalize ? normalized(vector) : vector;
            job.tokens += tokens.length;
            if (job.remaining.decrementAndGet() == 0) {
                job.result.complete(new EmbedResult(Arrays.asList(job.vectors), job.tokens));
            }
        }

        private static float[] normalized(float[] v) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] * scale;
            }
            return out;
        }
    }
}

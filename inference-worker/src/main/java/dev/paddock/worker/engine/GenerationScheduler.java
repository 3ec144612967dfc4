package dev.paddock.worker.engine;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.worker.llama.LlamaRuntime;
import java.lang.foreign.MemorySegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Continuous batching over one context: every decode step carries one token for each sequence
 * that is generating plus as much pending prompt as still fits, so a new request joins the running
 * batch at the next step and a long prompt is processed in chunks without stalling the streams.
 * Cancellation and deadlines are checked before every step. One thread owns the context.
 *
 * <p>Batch work never delays interactive work: batch requests hold at most {@code slots - interactiveSlots}
 * slots ({@link WaitingLines}), and while an interactive request still has prompt to compute, the step
 * leaves batch sequences out (they lose that step, never their state), so its first token comes after a
 * step as short as on an idle engine. Batch work is left out of at most {@value #MAX_BATCH_SKIPS} steps in
 * a row, so a stream of interactive prompts cannot starve it.
 */
final class GenerationScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GenerationScheduler.class);
    /** Consecutive steps that may leave batch sequences out for interactive prompts. */
    static final int MAX_BATCH_SKIPS = 8;

    private final LlamaContext ctx;
    private final LlamaModel model;
    private final Slot[] slots;
    private final int maxQueued;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final WaitingLines waiting;
    private final List<Generation> active = new ArrayList<>();
    /** What the chunk consumers put off until a step's chunks are all out (see {@link StepEnd}). */
    private final StepEnd stepEnd = new StepEnd();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int activeCount;
    private volatile int activeBatchCount;
    private int batchSkips;
    private final int cells;
    private volatile int usedCells;
    final AtomicLong promptTokensComputed = new AtomicLong();
    final AtomicLong promptTokensCached = new AtomicLong();
    final AtomicLong tokensGenerated = new AtomicLong();

    GenerationScheduler(LlamaContext ctx, int maxQueued, int interactiveSlots, String name) {
        this.ctx = ctx;
        this.model = ctx.model();
        this.maxQueued = maxQueued;
        this.cells = ctx.cells();
        this.slots = new Slot[ctx.sequences()];
        this.waiting = new WaitingLines(slots.length, interactiveSlots);
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(i);
        }
        this.thread = Thread.ofPlatform().daemon().name("paddock-engine-" + name).start(this::run);
    }

    /** Queues a generation; throws QUEUE_FULL when its class's waiting line is at its limit. */
    void submit(Generation g) {
        lock.lock();
        try {
            if (!running) {
                throw new InferenceException(InferenceException.Kind.MODEL_LOADING, null, "model is shutting down");
            }
            if (waiting.wouldOverflow(g, activeCount, activeBatchCount, maxQueued)) {
                throw new InferenceException(InferenceException.Kind.QUEUE_FULL, null, "the model's "
                        + g.request.priority().wireName() + " queue is full (" + maxQueued + " waiting); retry later");
            }
            waiting.add(g);
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the scheduler so it notices a cancellation at once. */
    void wake() {
        lock.lock();
        try {
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    int running() {
        return activeCount;
    }

    /** Batch requests holding a slot. */
    int runningBatch() {
        return activeBatchCount;
    }

    /** The most slots batch requests may hold at once. */
    int batchSlots() {
        return waiting.batchSlots();
    }

    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    int slots() {
        return slots.length;
    }

    /** KV cells holding a token after the last step (the engine's thread reads them from llama.cpp). */
    int usedCells() {
        return usedCells;
    }

    int cells() {
        return cells;
    }

    private void run() {
        while (running) {
            try {
                admit();
                if (!active.isEmpty()) {
                    stepEnd.begin();
                    try {
                        step();
                    } finally {
                        stepEnd.end();
                    }
                }
                usedCells = ctx.usedCells();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("engine step failed", e);
                failAll("engine failure: " + e.getMessage());
            }
        }
        failAll("model unloaded");
        drainQueues().forEach(g -> g.finish("", 0, List.of(), FinishReason.CANCELLED));
    }

    private void admit() throws InterruptedException {
        List<Generation> taken;
        lock.lock();
        try {
            while (running && active.isEmpty() && waiting.isEmpty()) {
                work.await(1, TimeUnit.SECONDS);
            }
            taken = waiting.take(active.size(), activeBatchCount);
        } finally {
            lock.unlock();
        }
        for (Generation g : taken) {
            if (g.cancelled() || expired(g)) {
                g.finish("", 0, List.of(), FinishReason.CANCELLED);
            } else {
                assign(g, bestSlot(g));
            }
        }
        countActive();
    }

    private void countActive() {
        activeCount = active.size();
        activeBatchCount = (int) active.stream().filter(WaitingLines::isBatch).count();
    }

    private Slot bestSlot(Generation g) {
        Slot best = null;
        int bestPrefix = -1;
        for (Slot s : slots) {
            if (s.isFree()) {
                int prefix = g.wantsPromptLogprobs ? 0 : s.commonPrefix(g.prompt);
                if (prefix > bestPrefix) {
                    best = s;
                    bestPrefix = prefix;
                }
            }
        }
        return best;
    }

    private void assign(Generation g, Slot slot) {
        int reuse = g.wantsPromptLogprobs ? 0 : Math.min(slot.commonPrefix(g.prompt), g.prompt.length - 1);
        ctx.forget(slot.id, reuse);
        slot.truncate(reuse);
        g.promptFed = reuse;
        g.cachedPrompt = reuse;
        g.slot = slot;
        slot.active = g;
        active.add(g);
        promptTokensCached.addAndGet(reuse);
    }

    private void step() {
        dropCancelled();
        Batch batch = ctx.batch();
        batch.clear();
        boolean withBatch = includeBatchWork();
        List<PromptChunk> chunks = new ArrayList<>();
        for (Generation g : active) {
            if (!g.inPrompt() && (withBatch || !WaitingLines.isBatch(g))) {
                g.outputIndex = batch.add(g.lastToken, g.slot.cachedLength(), g.slot.id, true);
                g.slot.append(g.lastToken);
            }
        }
        feedPrompts(batch, chunks, false);
        if (withBatch) {
            feedPrompts(batch, chunks, true);
        }
        if (batch.size() == 0) {
            return;
        }
        int rc = ctx.decode();
        if (rc != 0) {
            failBatch(rc);
            return;
        }
        for (PromptChunk c : chunks) {
            c.recordLogprobs();
        }
        for (Generation g : List.copyOf(active)) {
            if (g.outputIndex >= 0) {
                sampleNext(g);
            }
        }
    }

    /**
     * Whether this step decodes batch sequences: not while an interactive prompt is pending, unless batch
     * work has already been left out of {@link #MAX_BATCH_SKIPS} steps in a row.
     */
    private boolean includeBatchWork() {
        boolean interactivePrompt = false;
        boolean batchWork = false;
        for (Generation g : active) {
            boolean isBatch = WaitingLines.isBatch(g);
            interactivePrompt |= !isBatch && g.inPrompt();
            batchWork |= isBatch;
        }
        if (!batchWork || !interactivePrompt || batchSkips >= MAX_BATCH_SKIPS) {
            batchSkips = 0;
            return true;
        }
        batchSkips++;
        return false;
    }

    /** Adds pending prompt tokens of one class's generations, as many as the batch still holds. */
    private void feedPrompts(Batch batch, List<PromptChunk> chunks, boolean ofBatch) {
        for (Generation g : active) {
            if (g.inPrompt() && WaitingLines.isBatch(g) == ofBatch && batch.free() > 0) {
                chunks.add(feedPrompt(g, batch));
            }
        }
    }

    private PromptChunk feedPrompt(Generation g, Batch batch) {
        int n = Math.min(batch.free(), g.prompt.length - g.promptFed);
        PromptChunk chunk = new PromptChunk(g, g.promptFed, batch.size(), n);
        for (int k = 0; k < n; k++) {
            int p = g.promptFed + k;
            boolean last = p == g.prompt.length - 1;
            int idx = batch.add(g.prompt[p], g.slot.cachedLength(), g.slot.id, last || g.wantsPromptLogprobs);
            g.slot.append(g.prompt[p]);
            if (last) {
                g.outputIndex = idx;
            }
        }
        g.promptFed += n;
        promptTokensComputed.addAndGet(n);
        if (g.inPrompt()) {
            g.outputIndex = -1;
        }
        return chunk;
    }

    private void sampleNext(Generation g) {
        int idx = g.outputIndex;
        g.outputIndex = -1;
        MemorySegment logits = ctx.logits(idx);
        if (g.request.ignoreEos() || g.generated < g.request.minTokens()) {
            for (int t : model.endOfGenerationTokens()) {
                logits.setAtIndex(JAVA_FLOAT, t, Float.NEGATIVE_INFINITY);
            }
        }
        int token = g.sampler.sample(ctx, idx);
        List<TokenLogprob> lp = g.wantsLogprobs() ? List.of(Logprobs.of(model, logits, token, g.topLogprobs()))
                : List.of();
        g.generated++;
        g.lastToken = token;
        tokensGenerated.incrementAndGet();
        g.emitPromptLogprobs();
        if (model.isEndOfGeneration(token) && !g.request.ignoreEos()) {
            end(g, g.text.finish(), lp, FinishReason.STOP);
            return;
        }
        String text = g.text.push(model.piece(token));
        if (g.text.stopped()) {
            end(g, text, lp, FinishReason.STOP);
        } else if (g.generated >= g.tokenLimit || g.slot.cachedLength() + 1 >= ctx.contextPerSequence()) {
            end(g, text + g.text.finish(), lp, FinishReason.LENGTH);
        } else {
            g.emit(Chunk.delta(text, 1, lp));
        }
    }

    private void end(Generation g, String text, List<TokenLogprob> lp, FinishReason reason) {
        release(g);
        g.finish(text, 1, lp, reason); // the token that ended it was generated too
    }

    private void release(Generation g) {
        g.slot.active = null;
        active.remove(g);
        countActive();
    }

    private void dropCancelled() {
        for (Generation g : List.copyOf(active)) {
            if (g.cancelled() || expired(g)) {
                release(g);
                g.finish(g.text.finish(), 0, List.of(), FinishReason.CANCELLED);
            }
        }
    }

    private static boolean expired(Generation g) {
        Instant deadline = g.request.deadline();
        return deadline != null && Instant.now().isAfter(deadline);
    }

    private void failBatch(int rc) {
        String why = "llama_decode failed with status " + rc + " " + LlamaRuntime.drainRecentErrors();
        LOG.warn(why);
        for (Generation g : List.copyOf(active)) {
            ctx.forget(g.slot.id, 0);
            g.slot.truncate(0);
            release(g);
            g.fail(why.strip());
        }
    }

    private void failAll(String why) {
        for (Generation g : List.copyOf(active)) {
            release(g);
            g.fail(why);
        }
    }

    private List<Generation> drainQueues() {
        lock.lock();
        try {
            return waiting.drain();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        wake();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The prompt tokens of one generation in the current batch, for prompt logprobs (echo). */
    private final class PromptChunk {
        private final Generation g;
        private final int fromPrompt;
        private final int fromBatch;
        private final int length;

        PromptChunk(Generation g, int fromPrompt, int fromBatch, int length) {
            this.g = g;
            this.fromPrompt = fromPrompt;
            this.fromBatch = fromBatch;
            this.length = length;
        }

        void recordLogprobs() {
            if (!g.wantsPromptLogprobs) {
                return;
            }
            List<TokenLogprob> out = g.newPromptLogprobs();
            if (fromPrompt == 0) {
                byte[] first = model.piece(g.prompt[0]);
                out.add(new TokenLogprob(g.prompt[0], new String(first, java.nio.charset.StandardCharsets.UTF_8),
                        first, Float.NaN, List.of()));
            }
            for (int j = 0; j < length && fromPrompt + j + 1 < g.prompt.length; j++) {
                out.add(Logprobs.of(model, ctx.logits(fromBatch + j), g.prompt[fromPrompt + j + 1], g.topLogprobs()));
            }
        }
    }
}

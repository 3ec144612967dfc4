package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.testing.TestModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batch work never delays interactive work, on the real stories260K model: batch requests leave one of the
 * four slots free, and an interactive prompt is computed in a step without batch sequences. Requests that
 * must arrive mid-step are started from a batch stream's sink, on the engine's own thread, so the order of
 * events is exact and nothing depends on timing.
 */
class InteractivePriorityIT {

    private static final int SLOTS = 4;
    private static final int MAX_QUEUED = 3;
    private static final int BATCH_TOKENS = 400;
    private static final List<String> PROMPTS = List.of("Once upon a time", "The little dog", "One day, a girl",
            "Tom had a red ball", "The sun was hot", "Lily and her mom");
    private static Engine engine;

    @BeforeAll
    static void load() {
        engine = Engine.load("stories", TestModels.stories260K(),
                ModelOptions.defaults().withParallel(SLOTS).withContextSize(512).withMaxQueued(MAX_QUEUED));
    }

    @AfterAll
    static void unload() {
        engine.close();
    }

    @AfterEach
    void idle() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(engine.stats())
                .extracting(EngineStats::running, EngineStats::waiting).containsExactly(0, 0));
    }

    @Test
    void interactiveRequestUnderABatchFloodTakesTheKeptSlotAndGetsItsFirstTokenBeforeAnyBatchStep() {
        List<String> events = new CopyOnWriteArrayList<>();
        PreparedGeneration prepared = engine.prepare(interactive("Once upon a time", 8));
        Tagged late = new Tagged("interactive", events);
        AtomicReference<EngineStats> atTrigger = new AtomicReference<>();
        AtomicReference<EngineStats> atFirstToken = new AtomicReference<>();
        AtomicInteger mark = new AtomicInteger();
        AtomicReference<String> triggeredBy = new AtomicReference<>();
        List<Integer> runningBatch = new CopyOnWriteArrayList<>();
        List<Tagged> batch = new ArrayList<>();
        // while this thread is still submitting, "MAX_QUEUED waiting" can mean fewer running (the engine admitted
        // the first request alone): the trigger waits until every batch request is in
        AtomicBoolean allSubmitted = new AtomicBoolean();
        late.onChunk = c -> atFirstToken.compareAndSet(null, engine.stats());
        for (int i = 0; i < PROMPTS.size(); i++) {
            Tagged t = new Tagged("batch" + i, events);
            t.onChunk = c -> {
                EngineStats s = engine.stats();
                runningBatch.add(s.runningBatch());
                if (!c.isLast() && allSubmitted.get() && s.waiting() == MAX_QUEUED
                        && atTrigger.compareAndSet(null, s)) {
                    triggeredBy.set(t.tag);
                    mark.set(events.size());
                    engine.start(prepared, late);
                }
            };
            batch.add(t);
            engine.submit(batchRequest(PROMPTS.get(i)), t);
        }
        allSubmitted.set(true);

        batch.forEach(StreamRecorder::last);
        assertThat(atTrigger).as("batch filled its slots with more waiting").doesNotHaveNullValue();
        assertThat(late.last().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(atTrigger.get().runningBatch()).as("batch holds every slot it may take").isEqualTo(SLOTS - 1);
        assertThat(atTrigger.get().batchSlots()).isEqualTo(SLOTS - 1);
        assertThat(Collections.max(runningBatch)).as("batch never took the kept slot, before or after the interactive")
                .isEqualTo(SLOTS - 1);
        assertThat(atFirstToken.get().running()).as("interactive ran beside every batch stream").isEqualTo(SLOTS);
        assertThat(batch).as("no batch stream had finished at the interactive's first token")
                .noneMatch(t -> t.finishedBefore(events, late));
        List<String> between = List.copyOf(events).subList(mark.get(), events.indexOf("interactive"));
        assertThat(between).as("the interactive prompt ran in a step without batch sequences")
                .doesNotContain(triggeredBy.get()).doesNotHaveDuplicates();
        for (int i = 0; i < batch.size(); i++) {
            assertThat(batch.get(i).last().finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(batch.get(i).tokens()).isEqualTo(BATCH_TOKENS);
            assertSameUpToANearTie("batch stream " + i, batch.get(i).logprobs(),
                    alone(batchRequest(PROMPTS.get(i))).logprobs());
        }
    }

    @Test
    void interactiveRequestsMayTakeEverySlot() {
        List<Integer> running = new CopyOnWriteArrayList<>();
        List<StreamRecorder> streams = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            Tagged t = new Tagged("i" + i, new ArrayList<>());
            t.onChunk = c -> running.add(engine.stats().running());
            engine.submit(interactive(PROMPTS.get(i), 200).withIgnoreEos(), t);
            streams.add(t);
        }
        streams.forEach(StreamRecorder::last);
        assertThat(Collections.max(running)).isEqualTo(SLOTS);
    }

    @Test
    void aFullBatchLineRefusesOnlyBatchWhileInteractiveRequestsQueueInTheirOwnLineAndAreServedFirst() {
        PreparedGeneration moreBatch = engine.prepare(batchRequest("The sun was hot"));
        // the first takes the kept slot, the next MAX_QUEUED wait in the interactive line, the last overflows it
        List<PreparedGeneration> urgent = new ArrayList<>();
        for (int i = 0; i < MAX_QUEUED + 2; i++) {
            urgent.add(engine.prepare(interactive(PROMPTS.get(i), 4).withIgnoreEos()));
        }
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicReference<RuntimeException> batchRefusal = new AtomicReference<>();
        List<RuntimeException> interactiveRefusals = new CopyOnWriteArrayList<>();
        AtomicReference<EngineStats> atTrigger = new AtomicReference<>();
        AtomicReference<EngineStats> afterInteractive = new AtomicReference<>();
        List<Tagged> accepted = new ArrayList<>();
        for (int i = 0; i <= MAX_QUEUED; i++) {
            accepted.add(new Tagged("interactive" + i, events));
        }
        AtomicBoolean allSubmitted = new AtomicBoolean();
        List<Tagged> batch = new ArrayList<>();
        for (int i = 0; i < SLOTS - 1 + MAX_QUEUED; i++) {
            Tagged t = new Tagged("batch" + i, events);
            t.onChunk = c -> {
                EngineStats s = engine.stats();
                if (!c.isLast() && allSubmitted.get() && s.waiting() == MAX_QUEUED
                        && atTrigger.compareAndSet(null, s)) {
                    batchRefusal.set(refusal(() -> engine.start(moreBatch, new StreamRecorder())));
                    for (int k = 0; k <= MAX_QUEUED; k++) {
                        int n = k;
                        interactiveRefusals.add(refusal(() -> engine.start(urgent.get(n), accepted.get(n))));
                    }
                    afterInteractive.set(engine.stats());
                    interactiveRefusals.add(refusal(() -> engine.start(urgent.getLast(), new StreamRecorder())));
                }
            };
            engine.submit(batchRequest(PROMPTS.get(i)), t);
            batch.add(t);
        }
        allSubmitted.set(true);
        batch.forEach(StreamRecorder::last);

        assertThat(atTrigger).as("batch filled its slots and its line").doesNotHaveNullValue();
        assertThat(atTrigger.get().runningBatch()).isEqualTo(SLOTS - 1);
        assertThat(batchRefusal.get()).as("a batch request over the batch line's limit")
                .isInstanceOf(InferenceException.class).hasMessageContaining("batch queue is full")
                .extracting(e -> ((InferenceException) e).kind()).isEqualTo(InferenceException.Kind.QUEUE_FULL);
        assertThat(interactiveRefusals.subList(0, MAX_QUEUED + 1)).as("interactive requests beside a full batch line")
                .containsOnlyNulls();
        // on the engine's thread, mid-step: the first interactive request takes the kept slot at the next admission
        assertThat(afterInteractive.get().waiting()).as("both lines full").isEqualTo(2 * MAX_QUEUED + 1);
        assertThat(interactiveRefusals.getLast()).as("an interactive request over the interactive line's limit")
                .isInstanceOf(InferenceException.class).hasMessageContaining("interactive queue is full")
                .extracting(e -> ((InferenceException) e).kind()).isEqualTo(InferenceException.Kind.QUEUE_FULL);
        int firstQueuedBatch = batch.subList(SLOTS - 1, batch.size()).stream().mapToInt(t -> events.indexOf(t.tag))
                .min().orElseThrow();
        for (Tagged a : accepted) {
            assertThat(a.last().finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(a.tokens()).isEqualTo(4);
            assertThat(events.indexOf(a.tag)).as("%s started before every queued batch request", a.tag)
                    .isLessThan(firstQueuedBatch);
        }
        batch.forEach(t -> assertThat(t.tokens()).isEqualTo(BATCH_TOKENS));
    }

    @Test
    void batchStreamsStillGetOneStepInNineWhileALongInteractivePromptIsChunked() {
        String longPrompt = "Once upon a time there was a little girl. ".repeat(18);
        try (Engine small = Engine.load("chunked", TestModels.stories260K(), ModelOptions.defaults().withParallel(2)
                .withContextSize(512).withBatchSize(16))) {
            int promptLength = small.promptTokens(new Prompt.Text(longPrompt)).length;
            // 8 prompt-only steps of 16, one mixed step of 15 + 1 batch token, then 8 prompt-only again
            assertThat(promptLength).isBetween(8 * 16 + 15 + 1, 16 * 16 + 15);
            List<String> events = new CopyOnWriteArrayList<>();
            PreparedGeneration prepared = small.prepare(GenerateRequest.of("long", "chunked",
                    new Prompt.Text(longPrompt), SamplingParams.GREEDY, 4));
            Tagged late = new Tagged("interactive", events);
            AtomicInteger mark = new AtomicInteger(-1);
            Tagged running = new Tagged("batch", events);
            running.onChunk = c -> {
                if (running.chunks.size() == 2 && mark.compareAndSet(-1, events.size())) {
                    small.start(prepared, late);
                }
            };
            small.submit(batchRequest("Once upon a time"), running);
            late.last();
            running.last();
            List<String> between = List.copyOf(events).subList(mark.get(), events.indexOf("interactive"));
            assertThat(between).containsExactly("batch");
        }
    }

    private static GenerateRequest interactive(String prompt, int maxTokens) {
        return GenerateRequest.of(UUID.randomUUID().toString(), "stories", new Prompt.Text(prompt),
                SamplingParams.GREEDY, maxTokens);
    }

    /** With the two best tokens of each position, for {@link #assertSameUpToANearTie}. */
    private static GenerateRequest batchRequest(String prompt) {
        return interactive(prompt, BATCH_TOKENS).withIgnoreEos().withPriority(Priority.BATCH).withLogprobs(2, false);
    }

    private static StreamRecorder alone(GenerateRequest request) {
        StreamRecorder r = new StreamRecorder();
        engine.submit(request, r);
        r.last();
        return r;
    }

    /**
     * A greedy stream computed beside other sequences gives the tokens it gives alone: the batch's other rows
     * change the order of floating-point sums, so at a near tie (the two best tokens within 0.01 in logprob,
     * alone) it may take the other one, and past that point nothing can be compared. A stream that read another
     * sequence's KV cells or logits parts from its text at a clear choice.
     */
    private static void assertSameUpToANearTie(String what, List<TokenLogprob> beside, List<TokenLogprob> alone) {
        assertThat(beside).as(what).hasSameSizeAs(alone);
        int i = 0;
        while (i < alone.size() && beside.get(i).token() == alone.get(i).token()) {
            i++;
        }
        if (i == alone.size()) {
            return;
        }
        int took = beside.get(i).token();
        TokenLogprob there = alone.get(i);
        double other = there.top().stream().filter(a -> a.token() == took).mapToDouble(TokenLogprob.Alternative::logprob)
                .findFirst().orElse(Double.NEGATIVE_INFINITY);
        assertThat(there.logprob() - other).as("%s parts from its text alone at token %d (%s instead of %s)", what, i,
                beside.get(i).text(), there.text()).isLessThan(0.01);
    }

    private static RuntimeException refusal(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Logs each chunk of a stream under its tag and runs a hook on the engine's thread. */
    private static final class Tagged extends StreamRecorder {
        final String tag;
        private final List<String> log;
        Consumer<Chunk> onChunk = c -> { };

        Tagged(String tag, List<String> log) {
            this.tag = tag;
            this.log = log;
        }

        @Override
        public void accept(Chunk chunk) {
            super.accept(chunk);
            log.add(chunk.isLast() ? tag + ":last" : tag);
            onChunk.accept(chunk);
        }

        boolean finishedBefore(List<String> events, Tagged other) {
            int end = events.indexOf(tag + ":last");
            return end >= 0 && end < events.indexOf(other.tag);
        }
    }
}

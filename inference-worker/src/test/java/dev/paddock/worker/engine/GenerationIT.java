package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.testing.TestModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generation on the real stories260K model through the engine's public API. */
class GenerationIT {

    private static final String ONCE = "Once upon a time";
    private static Engine engine;

    @BeforeAll
    static void load() {
        engine = Engine.load("stories", TestModels.stories260K(),
                ModelOptions.defaults().withParallel(8).withContextSize(256).withMaxQueued(4));
    }

    @AfterAll
    static void unload() {
        engine.close();
    }

    private static GenerateRequest request(SamplingParams sampling, int maxTokens) {
        return GenerateRequest.of(UUID.randomUUID().toString(), "stories", new Prompt.Text(ONCE), sampling, maxTokens);
    }

    private static StreamRecorder run(GenerateRequest request) {
        StreamRecorder r = new StreamRecorder();
        engine.submit(request, r);
        r.last();
        return r;
    }

    @Test
    void sameSeedGivesSameTextAndDifferentSeedsDiffer() {
        SamplingParams s = SamplingParams.DEFAULTS.withTemperature(1.0);
        String a = run(request(s.withSeed(42L), 40)).text();
        String b = run(request(s.withSeed(42L), 40)).text();
        String c = run(request(s.withSeed(7L), 40)).text();
        assertThat(a).isNotBlank().isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void maxTokensEndsWithLengthAndCountsUsage() {
        StreamRecorder r = run(request(SamplingParams.GREEDY, 12));
        Chunk last = r.last();
        assertThat(last.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(last.usage().completionTokens()).isEqualTo(12);
        assertThat(r.tokens()).isEqualTo(12);
        assertThat(last.usage().promptTokens()).isEqualTo(engine.promptTokens(new Prompt.Text(ONCE)).length);
    }

    @Test
    void stopStringEndsGenerationAndIsNotEmitted() {
        String full = run(request(SamplingParams.GREEDY, 60)).text();
        String stop = full.substring(20, 24);
        StreamRecorder r = run(request(SamplingParams.GREEDY, 60).withStop(List.of(stop)));
        assertThat(r.last().finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.text()).isEqualTo(full.substring(0, full.indexOf(stop))).doesNotContain(stop);
    }

    @Test
    void eightConcurrentGreedyStreamsEachGiveTheTextTheyGiveAlone() {
        String alone = run(request(SamplingParams.GREEDY, 64)).text();
        List<StreamRecorder> streams = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            StreamRecorder r = new StreamRecorder();
            engine.submit(request(SamplingParams.GREEDY, 64), r);
            streams.add(r);
        }
        for (StreamRecorder r : streams) {
            assertThat(r.last().finishReason()).isIn(FinishReason.LENGTH, FinishReason.STOP);
            assertThat(r.text()).isEqualTo(alone);
        }
    }

    @Test
    void cancellingMidStreamFreesTheSlot() {
        AtomicReference<GenerationHandle> handle = new AtomicReference<>();
        AtomicInteger cancelledAfter = new AtomicInteger(-1);
        StreamRecorder r = new StreamRecorder() {
            @Override
            public void accept(Chunk chunk) {
                super.accept(chunk);
                // from the engine's own thread, mid-stream (as soon as submit has returned the handle)
                if (!chunk.isLast() && handle.get() != null && cancelledAfter.compareAndSet(-1, chunks.size())) {
                    handle.get().cancel();
                }
            }
        };
        handle.set(engine.submit(request(SamplingParams.GREEDY, -1).withIgnoreEos(), r));
        assertThat(r.last().finishReason()).isEqualTo(FinishReason.CANCELLED);
        // the cancellation takes effect at the next decode step: no token is generated after it
        assertThat(r.last().usage().completionTokens()).isEqualTo(cancelledAfter.get());
        assertThat(r.last().usage().completionTokens()).isLessThan(256 - 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.stats().running() == 0);
        assertThat(handle.get().isDone()).isTrue();
    }

    @Test
    void longPromptIsProcessedInChunksWhileOtherStreamsKeepGenerating() {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger mark = new AtomicInteger(-1);
        String longPrompt = "Once upon a time there was a little girl. ".repeat(10); // ~100 tokens
        try (Engine small = Engine.load("chunked", TestModels.stories260K(), ModelOptions.defaults().withParallel(2)
                .withContextSize(256).withBatchSize(16))) {
            StreamRecorder late = new StreamRecorder() {
                @Override
                public void accept(Chunk chunk) {
                    super.accept(chunk);
                    events.add("late");
                }
            };
            StreamRecorder running = new StreamRecorder() {
                @Override
                public void accept(Chunk chunk) {
                    super.accept(chunk);
                    events.add("running");
                    if (chunks.size() == 2) { // join the running batch mid-stream, from the engine's thread
                        mark.set(events.size());
                        small.submit(GenerateRequest.of("late", "chunked", new Prompt.Text(longPrompt),
                                SamplingParams.GREEDY, 5), late);
                    }
                }
            };
            small.submit(request(SamplingParams.GREEDY, 200).withIgnoreEos(), running);
            late.last();
            running.last();
            List<String> snapshot = List.copyOf(events);
            List<String> after = snapshot.subList(mark.get(), snapshot.size());
            int firstLate = after.indexOf("late");
            // 16-token steps: the ~100-token prompt takes several steps, and each one also decodes the running stream
            assertThat(after.subList(0, firstLate)).as("running stream kept producing during the prompt")
                    .hasSizeGreaterThanOrEqualTo(5).containsOnly("running");
            assertThat(late.last().finishReason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    @Test
    void expiredDeadlineCancelsBeforeAnyCompute() {
        StreamRecorder r = run(request(SamplingParams.GREEDY, 10).withDeadline(Instant.now().minusSeconds(1)));
        assertThat(r.last().finishReason()).isEqualTo(FinishReason.CANCELLED);
        assertThat(r.last().usage().completionTokens()).isZero();
    }

    @Test
    void promptLongerThanTheContextIsAClearError() {
        String longPrompt = "Once upon a time ".repeat(200);
        GenerateRequest req = GenerateRequest.of("x", "stories", new Prompt.Text(longPrompt), SamplingParams.GREEDY,
                10);
        assertThatThrownBy(() -> engine.submit(req, new StreamRecorder())).isInstanceOf(InferenceException.class)
                .hasMessageContaining("context is 256 tokens")
                .extracting(e -> ((InferenceException) e).kind())
                .isEqualTo(InferenceException.Kind.CONTEXT_LENGTH_EXCEEDED);
    }

    @Test
    void invalidParametersAreRejectedByName() {
        assertThatThrownBy(() -> engine.submit(request(SamplingParams.GREEDY, -5), new StreamRecorder()))
                .hasMessageContaining("max_tokens");
        assertThatThrownBy(() -> engine.submit(request(SamplingParams.DEFAULTS.withTemperature(-1), 5),
                new StreamRecorder())).hasMessageContaining("temperature");
        SamplingParams badTopP = new SamplingParams(1, 1.5, 0, 0, 1, 0, 0, 64, null, Map.of());
        assertThatThrownBy(() -> engine.submit(request(badTopP, 5), new StreamRecorder()))
                .isInstanceOf(InferenceException.class).hasMessageContaining("top_p");
    }

    @Test
    void logprobsHaveTheRequestedShapeAndAreNotPositive() {
        StreamRecorder r = run(request(SamplingParams.GREEDY, 8).withLogprobs(3, false));
        List<TokenLogprob> lps = r.logprobs();
        assertThat(lps).hasSize(8);
        for (TokenLogprob lp : lps) {
            assertThat(lp.logprob()).isLessThanOrEqualTo(0f);
            assertThat(lp.top()).hasSize(3);
            assertThat(lp.top().getFirst().logprob()).isGreaterThanOrEqualTo(lp.top().get(1).logprob());
            // greedy: the chosen token is the most likely one
            assertThat(lp.token()).isEqualTo(lp.top().getFirst().token());
        }
    }

    @Test
    void echoReturnsLogprobsForEveryPromptToken() {
        StreamRecorder r = run(request(SamplingParams.GREEDY, 2).withLogprobs(2, true));
        int[] prompt = engine.promptTokens(new Prompt.Text(ONCE));
        List<TokenLogprob> lps = r.promptLogprobs();
        assertThat(lps).hasSize(prompt.length);
        assertThat(lps.getFirst().logprob()).isNaN();
        for (int i = 1; i < prompt.length; i++) {
            assertThat(lps.get(i).token()).isEqualTo(prompt[i]);
            assertThat(lps.get(i).logprob()).isLessThanOrEqualTo(0f);
            assertThat(lps.get(i).top()).hasSize(2);
        }
    }

    @Test
    void secondRequestWithTheSamePrefixReusesTheCache() {
        GenerateRequest req = request(SamplingParams.GREEDY, 4);
        run(req);
        Chunk last = run(request(SamplingParams.GREEDY, 4)).last();
        assertThat(last.usage().cachedPromptTokens()).isPositive();
    }

    @Test
    void grammarConstrainsTheOutput() {
        String gbnf = "root ::= (\"yes\" | \"no\") \" \" [0-9] [0-9]";
        StreamRecorder r = run(request(SamplingParams.DEFAULTS.withSeed(3L), 20)
                .withConstraint(new OutputConstraint.Grammar(gbnf)));
        assertThat(r.text()).matches("(yes|no) [0-9][0-9]");
        assertThat(r.last().finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void invalidGrammarIsRejected() {
        assertThatThrownBy(() -> engine.submit(request(SamplingParams.GREEDY, 5)
                .withConstraint(new OutputConstraint.Grammar("root ::= (")), new StreamRecorder()))
                .isInstanceOf(InferenceException.class).hasMessageContaining("grammar");
    }

    @Test
    void jsonSchemaOutputParsesAndMatches() throws Exception {
        JsonNode schema = new ObjectMapper().readTree("""
                {"type":"object","properties":{"name":{"type":"string","maxLength":8},
                 "age":{"type":"integer"}},"required":["name","age"],"additionalProperties":false}""");
        StreamRecorder r = run(request(SamplingParams.DEFAULTS.withSeed(11L), 120)
                .withConstraint(new OutputConstraint.JsonSchema(schema)));
        assertThat(r.last().finishReason()).isEqualTo(FinishReason.STOP);
        JsonNode out = new ObjectMapper().readTree(r.text());
        assertThat(out.get("name").isTextual()).isTrue();
        assertThat(out.get("age").isIntegralNumber()).isTrue();
    }

    @Test
    void fullQueueIsRejectedClearly() {
        List<GenerationHandle> handles = new ArrayList<>();
        try {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 64; i++) {
                    handles.add(engine.submit(request(SamplingParams.GREEDY, -1), new StreamRecorder()));
                }
            }).isInstanceOf(InferenceException.class).hasMessageContaining("queue is full")
                    .extracting(e -> ((InferenceException) e).kind()).isEqualTo(InferenceException.Kind.QUEUE_FULL);
        } finally {
            handles.forEach(GenerationHandle::cancel);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.stats().running() == 0
                && engine.stats().waiting() == 0);
    }
}

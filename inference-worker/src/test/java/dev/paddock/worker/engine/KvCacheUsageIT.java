package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.testing.TestModels;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's KV cache usage, read from llama.cpp, on the real stories260K model with one slot: after a
 * generation the slot holds its prompt and every generated token but the last (which was sampled, never
 * decoded), and keeps them for the next request to reuse.
 */
class KvCacheUsageIT {

    private static Engine engine;

    @BeforeAll
    static void load() {
        engine = Engine.load("stories-kv", TestModels.stories260K(),
                ModelOptions.defaults().withParallel(1).withContextSize(256).withMaxQueued(2));
    }

    @AfterAll
    static void unload() {
        engine.close();
    }

    @Test
    void aFreshEngineCountsItsWholeContextAndNoCellUsed() {
        Engine fresh = Engine.load("stories-kv-fresh", TestModels.stories260K(),
                ModelOptions.defaults().withParallel(2).withContextSize(128).withMaxQueued(2));
        try {
            assertThat(fresh.stats().kvCellsUsed()).isZero();
            // llama.cpp pads each sequence's context (128 asked): the engine lets each slot use all of it
            assertThat(fresh.stats().kvCells()).isEqualTo(2 * fresh.contextSize()).isGreaterThanOrEqualTo(256);
            assertThat(fresh.stats().kvCacheUsage()).isZero();
        } finally {
            fresh.close();
        }
    }

    @Test
    void afterAGenerationTheSlotHoldsItsPromptAndGeneratedTokens() {
        int prompt = generate("Once upon a time", 12);
        awaitUsed(prompt + 12 - 1);
        assertThat(engine.stats().kvCells()).isEqualTo(256);
        assertThat(engine.stats().kvCacheUsage()).isEqualTo((prompt + 11) / 256.0);

        int longer = generate("The little dog ran to the park and saw a big red ball", 40);
        awaitUsed(longer + 40 - 1);
    }

    private static int generate(String text, int tokens) {
        StreamRecorder r = new StreamRecorder();
        engine.submit(GenerateRequest.of(UUID.randomUUID().toString(), "stories-kv", new Prompt.Text(text),
                SamplingParams.GREEDY, tokens).withIgnoreEos(), r);
        return r.last().usage().promptTokens();
    }

    private static void awaitUsed(int cells) {
        // the engine's thread reads the cells from llama.cpp after each step
        await().untilAsserted(() -> assertThat(engine.stats().kvCellsUsed()).isEqualTo(cells));
    }
}

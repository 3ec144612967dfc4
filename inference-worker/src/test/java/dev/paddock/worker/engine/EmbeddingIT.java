package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.testing.TestModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Embeddings with the real all-MiniLM-L6-v2 model. */
class EmbeddingIT {

    private static Engine engine;

    @BeforeAll
    static void load() {
        engine = Engine.load("minilm", TestModels.miniLm(), ModelOptions.defaults().withEmbeddings(true)
                .withParallel(8));
    }

    @AfterAll
    static void unload() {
        engine.close();
    }

    private static List<float[]> embed(String... texts) throws Exception {
        List<Prompt> inputs = new ArrayList<>();
        for (String t : texts) {
            inputs.add(new Prompt.Text(t));
        }
        return engine.embed(inputs, true).get(30, TimeUnit.SECONDS).vectors();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void relatedSentencesScoreAboveUnrelatedOnes() throws Exception {
        List<float[]> v = embed("A man is playing a guitar.", "Someone plays an acoustic guitar on stage.",
                "The stock market fell sharply today.");
        assertThat(v).hasSize(3).allSatisfy(x -> assertThat(x).hasSize(384));
        double related = cosine(v.get(0), v.get(1));
        double unrelated = cosine(v.get(0), v.get(2));
        assertThat(related).isGreaterThan(0.4).isGreaterThan(unrelated + 0.3);
    }

    @Test
    void vectorsAreUnitLength() throws Exception {
        float[] v = embed("hello world").getFirst();
        assertThat(cosine(v, v)).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void batchedInputsGiveTheSameVectorsAsSingleOnes() throws Exception {
        String[] texts = { "first sentence", "a second, somewhat longer sentence about cats", "third" };
        List<float[]> batched = embed(texts);
        for (int i = 0; i < texts.length; i++) {
            float[] single = embed(texts[i]).getFirst();
            assertThat(cosine(batched.get(i), single)).isCloseTo(1.0, within(1e-3));
        }
    }

    @Test
    void concurrentRequestsAreAllAnsweredInInputOrder() throws Exception {
        List<CompletableFuture<EmbedResult>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            futures.add(engine.embed(List.of(new Prompt.Text("request " + i), new Prompt.Text("cats and dogs")), true));
        }
        float[] reference = embed("cats and dogs").getFirst();
        for (CompletableFuture<EmbedResult> f : futures) {
            EmbedResult r = f.get(30, TimeUnit.SECONDS);
            assertThat(r.vectors()).hasSize(2);
            assertThat(cosine(r.vectors().get(1), reference)).isCloseTo(1.0, within(1e-3));
            assertThat(r.promptTokens()).isPositive();
        }
    }

    @Test
    void tooLongInputIsRejected() {
        String text = "word ".repeat(2000);
        assertThatThrownBy(() -> engine.embed(List.of(new Prompt.Text(text)), true))
                .isInstanceOf(InferenceException.class).hasMessageContaining("at most");
    }
}

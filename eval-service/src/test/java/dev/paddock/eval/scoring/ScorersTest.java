package dev.paddock.eval.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import dev.paddock.eval.client.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScorersTest {

    private static DatasetItem expecting(String expected) {
        DatasetItem item = new DatasetItem();
        item.prompt = "q";
        item.expected = expected;
        return item;
    }

    private static Answer answer(String text) {
        return new Answer(text, 0.1, 0.5, 5);
    }

    private static double mean(Scorer s, List<String> predictions, List<String> references) {
        double sum = 0;
        for (int i = 0; i < predictions.size(); i++) {
            sum += s.score(expecting(references.get(i)), answer(predictions.get(i)));
        }
        return sum / predictions.size();
    }

    private static ScorerSpec spec(ScorerSpec.Type type) {
        ScorerSpec s = new ScorerSpec();
        s.type = type;
        return s;
    }

    /**
     * The examples of the Hugging Face exact match metric card (huggingface/datasets,
     * metrics/exact_match/README.md, "Metric Description"): "Happy Birthday!" against "Happy New Year!"
     * scores 0, "The Colour of Magic (1983)" against itself 1, and the set of both 0.5.
     */
    @Test
    void exactMatchScoresTheMetricCardsExamples() {
        ScorerSpec s = spec(ScorerSpec.Type.exact_match);
        s.caseSensitive = true;
        Scorer em = Scorers.of(s, null);

        assertThat(em.score(expecting("Happy New Year!"), answer("Happy Birthday!"))).isZero();
        assertThat(em.score(expecting("The Colour of Magic (1983)"), answer("The Colour of Magic (1983)"))).isEqualTo(1);
        assertThat(mean(em, List.of("Happy Birthday!", "The Colour of Magic (1983)"),
                List.of("Happy New Year!", "The Colour of Magic (1983)"))).isEqualTo(0.5);
    }

    /**
     * SQuAD v1.1's official evaluation script normalises answers by lowercasing and removing
     * punctuation, the articles a/an/the and extra whitespace (normalize_answer in evaluate-v1.1.py,
     * Rajpurkar et al., 2016), so the prediction "The Denver Broncos." matches the ground truth
     * "Denver Broncos" (Super Bowl 50, the dataset's first dev question).
     */
    @Test
    void exactMatchWithSquadNormalisationIgnoresCasePunctuationAndArticles() {
        ScorerSpec s = spec(ScorerSpec.Type.exact_match);
        s.ignorePunctuation = true;
        s.ignoreArticles = true;
        Scorer squad = Scorers.of(s, null);
        Scorer plain = Scorers.of(spec(ScorerSpec.Type.exact_match), null);

        assertThat(squad.score(expecting("Denver Broncos"), answer("The Denver Broncos."))).isEqualTo(1);
        assertThat(plain.score(expecting("Denver Broncos"), answer("The Denver Broncos."))).isZero();
        assertThat(plain.score(expecting("denver  broncos"), answer(" Denver Broncos\n"))).isEqualTo(1);
        assertThat(squad.score(expecting("Denver Broncos"), answer("Carolina Panthers"))).isZero();
    }

    @Test
    void containsLooksForTheExpectedTextAnywhere() {
        Scorer contains = Scorers.of(spec(ScorerSpec.Type.contains), null);
        ScorerSpec strict = spec(ScorerSpec.Type.contains);
        strict.caseSensitive = true;

        assertThat(contains.score(expecting("paris"), answer("The capital is Paris."))).isEqualTo(1);
        assertThat(Scorers.of(strict, null).score(expecting("paris"), answer("The capital is Paris."))).isZero();
        assertThat(contains.score(expecting("london"), answer("The capital is Paris."))).isZero();
    }

    @Test
    void regexUsesItsPatternOrTheExpectedText() {
        ScorerSpec withPattern = spec(ScorerSpec.Type.regex);
        withPattern.pattern = "\\b\\d{4}-\\d{2}-\\d{2}\\b";

        assertThat(Scorers.of(withPattern, null).score(expecting("x"), answer("due 2026-12-01."))).isEqualTo(1);
        assertThat(Scorers.of(withPattern, null).score(expecting("x"), answer("due tomorrow"))).isZero();
        Scorer fromExpected = Scorers.of(spec(ScorerSpec.Type.regex), null);
        assertThat(fromExpected.score(expecting("^(yes|no)$"), answer("yes"))).isEqualTo(1);
        assertThat(fromExpected.score(expecting("^(yes|no)$"), answer("maybe"))).isZero();
    }

    @Test
    void jsonValidAcceptsOneJsonValueOnly() {
        Scorer valid = Scorers.of(spec(ScorerSpec.Type.json_valid), null);

        assertThat(valid.score(expecting(null), answer(" {\"a\": [1, 2]}\n"))).isEqualTo(1);
        assertThat(valid.score(expecting(null), answer("[true, null]"))).isEqualTo(1);
        assertThat(valid.score(expecting(null), answer("{\"a\": 1"))).isZero();
        assertThat(valid.score(expecting(null), answer("{\"a\": 1} trailing"))).isZero();
        assertThat(valid.score(expecting(null), answer("{\"a\": 1, \"a\": 2}"))).as("duplicate keys").isZero();
        assertThat(valid.score(expecting(null), answer(""))).isZero();
    }

    @Test
    void jsonSchemaChecksTypesAndRequiredFields() {
        ScorerSpec s = spec(ScorerSpec.Type.json_schema);
        s.schema = new ObjectMapper().valueToTree(Map.of("type", "object", "required", List.of("name", "age"),
                "properties", Map.of("name", Map.of("type", "string"), "age", Map.of("type", "integer", "minimum", 0))));
        Scorer schema = Scorers.of(s, null);

        assertThat(schema.score(expecting(null), answer("{\"name\": \"Lily\", \"age\": 3}"))).isEqualTo(1);
        assertThat(schema.score(expecting(null), answer("{\"name\": \"Lily\"}"))).isZero();
        assertThat(schema.score(expecting(null), answer("{\"name\": \"Lily\", \"age\": -1}"))).isZero();
        assertThat(schema.score(expecting(null), answer("{\"name\": 5, \"age\": 3}"))).isZero();
        assertThat(schema.score(expecting(null), answer("not json"))).isZero();
    }

    @Test
    void timingScorersReadTheAnswersMeasurements() {
        Answer a = new Answer("x", 0.2, 1.2, 11);

        assertThat(Scorers.of(spec(ScorerSpec.Type.latency), null).score(expecting(null), a)).isEqualTo(1.2);
        assertThat(Scorers.of(spec(ScorerSpec.Type.ttft), null).score(expecting(null), a)).isEqualTo(0.2);
        assertThat(Scorers.of(spec(ScorerSpec.Type.tokens_per_second), null).score(expecting(null), a))
                .isCloseTo(10.0, within(1e-9));
        assertThat(new Answer("x", 0.2, 0.2, 1).tokensPerSecond()).isZero();
    }

    @Test
    void cosineOfParallelOrthogonalAndOppositeVectors() {
        assertThat(EmbeddingSimilarity.cosine(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isCloseTo(1, within(1e-12));
        assertThat(EmbeddingSimilarity.cosine(new double[] {1, 0}, new double[] {0, 5})).isZero();
        assertThat(EmbeddingSimilarity.cosine(new double[] {1, 1}, new double[] {-1, -1})).isCloseTo(-1, within(1e-12));
        assertThat(EmbeddingSimilarity.cosine(new double[] {0, 0}, new double[] {1, 1})).isZero();
    }
}

package dev.paddock.api.eval.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationSpecTest {

    private static EvaluationSpec valid() {
        EvaluationSpec spec = new EvaluationSpec();
        spec.name = "smoke";
        spec.models = List.of("stories");
        spec.dataset = new DatasetSpec();
        DatasetItem item = new DatasetItem();
        item.prompt = "Once upon a time";
        item.expected = "there was";
        spec.dataset.items = new ArrayList<>(List.of(item));
        ScorerSpec scorer = new ScorerSpec();
        scorer.type = ScorerSpec.Type.exact_match;
        spec.scorers = new ArrayList<>(List.of(scorer));
        return spec;
    }

    private static ScorerSpec scorer(ScorerSpec.Type type) {
        ScorerSpec s = new ScorerSpec();
        s.type = type;
        return s;
    }

    @Test
    void acceptsAMinimalSpec() {
        assertThat(valid().validate("evaluations[0]", true)).isEmpty();
    }

    @Test
    void namesEachBadFieldByItsPath() {
        EvaluationSpec spec = valid();
        spec.name = "Bad Name";
        spec.models = List.of();
        spec.schedule = "every day";
        spec.concurrency = 0;
        spec.generation.temperature = 3;

        assertThat(spec.validate("evaluations[1]", true)).anySatisfy(p -> assertThat(p).startsWith("evaluations[1].name:"))
                .anySatisfy(p -> assertThat(p).startsWith("evaluations[1].models: at least one"))
                .anySatisfy(p -> assertThat(p).startsWith("evaluations[1].schedule: must be a cron"))
                .anySatisfy(p -> assertThat(p).startsWith("evaluations[1].concurrency:"))
                .anySatisfy(p -> assertThat(p).startsWith("evaluations[1].generation.temperature:"));
    }

    @Test
    void acceptsFiveAndSixFieldCronSchedules() {
        EvaluationSpec spec = valid();
        spec.schedule = "0 3 * * MON-FRI";
        assertThat(spec.validate("e", true)).isEmpty();
        spec.schedule = "*/5 * * * * *";
        assertThat(spec.validate("e", true)).isEmpty();
    }

    @Test
    void itemsWithoutExpectedAreRefusedWhenAScorerNeedsIt() {
        EvaluationSpec spec = valid();
        spec.dataset.items.getFirst().expected = null;

        assertThat(spec.validate("e", true)).containsExactly(
                "e.dataset.items[0].expected: required by the scorers [exact_match]");
        spec.scorers = List.of(scorer(ScorerSpec.Type.json_valid), scorer(ScorerSpec.Type.latency));
        assertThat(spec.validate("e", true)).isEmpty();
    }

    @Test
    void multipleChoiceNeedsChoicesAndAnAnswerAmongThem() {
        EvaluationSpec spec = valid();
        spec.scorers = List.of(scorer(ScorerSpec.Type.multiple_choice));
        DatasetItem q = new DatasetItem();
        q.question = "The sky is";
        q.choices = List.of("blue", "green");
        q.answer = "C";
        spec.dataset.items = List.of(q);

        assertThat(spec.validate("e", true)).singleElement().asString()
                .startsWith("e.dataset.items[0].answer: must be one of the choices, its letter (A-B)");
        q.answer = "B";
        assertThat(spec.validate("e", true)).isEmpty();
        assertThat(q.answerIndex()).isEqualTo(1);
        q.answer = "blue";
        assertThat(q.answerIndex()).isZero();
        q.answer = "1";
        assertThat(q.answerIndex()).isEqualTo(1);
    }

    @Test
    void scorerOptionsTheirTypeNeedsAreRequired() {
        EvaluationSpec spec = valid();
        ScorerSpec judge = scorer(ScorerSpec.Type.llm_judge);
        ScorerSpec regex = scorer(ScorerSpec.Type.regex);
        regex.pattern = "(unclosed";
        ScorerSpec schema = scorer(ScorerSpec.Type.json_schema);
        spec.scorers = List.of(judge, regex, schema);

        assertThat(spec.validate("e", true)).contains("e.scorers[0].model: required: the judge model",
                "e.scorers[0].rubric: required: what a good answer is", "e.scorers[2].schema: required: a JSON Schema (a mapping)")
                .anySatisfy(p -> assertThat(p).startsWith("e.scorers[1].pattern: not a valid regular expression"));
        schema.schema = new ObjectMapper().createObjectNode().put("type", "object");
        judge.model = "judge";
        judge.rubric = "polite";
        regex.pattern = "a+";
        assertThat(spec.validate("e", true)).isEmpty();
    }

    @Test
    void datasetNeedsExactlyOneSourceAndBaselineMustBeAModel() {
        EvaluationSpec spec = valid();
        spec.dataset.url = "http://example.org/data.jsonl";
        spec.baseline = "other";

        assertThat(spec.validate("e", true)).contains("e.dataset: give exactly one of items, file, configMap or url (got 2)",
                "e.dataset.url: must be an https URL (got 'http://example.org/data.jsonl')",
                "e.baseline: must be 'previous' or one of models [stories] (got 'other')");
    }

    @Test
    void twoScorersOfOneTypeNeedDistinctNames() {
        EvaluationSpec spec = valid();
        spec.scorers = List.of(scorer(ScorerSpec.Type.contains), scorer(ScorerSpec.Type.contains));
        assertThat(spec.validate("e", true)).containsExactly(
                "e.scorers[1].name: 'contains' is used by another scorer; set name");
    }
}

package dev.paddock.eval.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.DatasetSpec;
import dev.paddock.api.eval.v1alpha1.Evaluation;
import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.api.eval.v1alpha1.EvaluationStatus;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Evaluation reconciler against the Fabric8 mock API server (CRUD mode) and a real HTTP endpoint. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(QuizEndpoint.class)
class EvaluationReconcilerTest {

    @Inject
    KubernetesClient client;

    private static DatasetItem item(String prompt, String expected) {
        DatasetItem i = new DatasetItem();
        i.prompt = prompt;
        i.expected = expected;
        return i;
    }

    private static EvaluationSpec capitals(List<String> models, String baseline) {
        EvaluationSpec spec = new EvaluationSpec();
        spec.models = models;
        spec.dataset = new DatasetSpec();
        spec.dataset.items = List.of(item("Capital of France?", "Paris"), item("Capital of Italy?", "Rome"),
                item("Capital of Spain?", "Madrid"));
        ScorerSpec em = new ScorerSpec();
        em.type = ScorerSpec.Type.exact_match;
        spec.scorers = new ArrayList<>(List.of(em));
        spec.baseline = baseline;
        return spec;
    }

    private Evaluation create(String name, EvaluationSpec spec) {
        Evaluation e = new Evaluation();
        e.setMetadata(new ObjectMetaBuilder().withName(name).build());
        e.setSpec(spec);
        return client.resources(Evaluation.class).resource(e).create();
    }

    private Evaluation fetch(String name) {
        return client.resources(Evaluation.class).withName(name).get();
    }

    private static Condition condition(Evaluation e, String type) {
        assertThat(e.getStatus()).as("status of %s", e.getMetadata().getName()).isNotNull();
        return e.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " condition in " + e.getStatus().conditions));
    }

    private static double score(Evaluation e, String model, String scorer) {
        assertThat(e.getStatus()).as("status of %s", e.getMetadata().getName()).isNotNull();
        return e.getStatus().scores.stream().filter(s -> s.model.equals(model) && s.scorer.equals(scorer))
                .mapToDouble(s -> s.score).findFirst().orElseThrow(() -> new AssertionError("no score of " + model
                        + " on " + scorer + "; conditions " + e.getStatus().conditions));
    }

    @Test
    void runsANewEvaluationAndFlagsTheModelBelowItsBaseline() {
        create("capitals", capitals(List.of("good", "bad"), "good"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Evaluation e = fetch("capitals");
            assertThat(e.getStatus()).isNotNull();
            assertThat(e.getStatus().observedGeneration).isEqualTo(1L);
            assertThat(condition(e, EvaluationStatus.READY).getStatus()).isEqualTo("True");
            assertThat(score(e, "good", "exact_match")).isEqualTo(1.0);
            assertThat(score(e, "bad", "exact_match")).isEqualTo(0.0);
            assertThat(condition(e, EvaluationStatus.REGRESSED).getStatus()).isEqualTo("True");
            assertThat(condition(e, EvaluationStatus.REGRESSED).getMessage()).contains("bad: exact_match 0.0000 vs baseline 1.0000");
            assertThat(e.getStatus().lastRunTime).isNotNull();
            assertThat(e.getMetadata().getFinalizers()).isNotEmpty();
        });
    }

    @Test
    void aChangedSpecIsRunAgainAndItsGenerationObserved() {
        create("changes", capitals(List.of("good", "bad"), "good"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition(fetch("changes"), EvaluationStatus.REGRESSED).getStatus()).isEqualTo("True"));

        client.resources(Evaluation.class).withName("changes").edit(e -> {
            e.getSpec().models = List.of("good");
            return e;
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Evaluation e = fetch("changes");
            assertThat(e.getStatus().observedGeneration).isEqualTo(2L);
            assertThat(e.getStatus().scores).extracting(s -> s.model).containsExactly("good");
            assertThat(condition(e, EvaluationStatus.REGRESSED).getStatus()).isEqualTo("False");
            assertThat(condition(e, EvaluationStatus.REGRESSED).getReason()).isEqualTo("WithinThreshold");
        });
    }

    @Test
    void anInvalidSpecIsReportedInReadyWithTheField() {
        EvaluationSpec spec = capitals(List.of(), null);
        spec.schedule = "every day";
        create("broken", spec);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition ready = condition(fetch("broken"), EvaluationStatus.READY);
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo("InvalidSpec");
            assertThat(ready.getMessage()).contains("spec.models: at least one model is required", "spec.schedule: must be a cron");
        });
    }

    @Test
    void readsItsDatasetFromAConfigMap() {
        client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("capitals-data").endMetadata()
                .addToData("data.jsonl", """
                        {"prompt": "Capital of France?", "expected": "Paris"}
                        {"prompt": "Capital of Spain?", "expected": "Lisbon"}
                        """).build()).create();
        EvaluationSpec spec = capitals(List.of("good"), null);
        spec.dataset = new DatasetSpec();
        spec.dataset.configMap = new DatasetSpec.ConfigMapKey();
        spec.dataset.configMap.name = "capitals-data";
        spec.dataset.configMap.key = "data.jsonl";
        create("from-configmap", spec);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Evaluation e = fetch("from-configmap");
            assertThat(score(e, "good", "exact_match")).isEqualTo(0.5);
            assertThat(condition(e, EvaluationStatus.REGRESSED).getReason()).isEqualTo("NoBaseline");
        });
    }

    @Test
    void anUnchangedStatusIsNotPatchedAgain() {
        create("steady", capitals(List.of("good"), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition(fetch("steady"), EvaluationStatus.READY).getStatus()).isEqualTo("True"));
        String version = fetch("steady").getMetadata().getResourceVersion();

        // the reconciler looks again every second (status-resync); nothing changed, so nothing is written
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(
                () -> fetch("steady").getMetadata().getResourceVersion().equals(version));
    }
}

package dev.paddock.eval.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.eval.v1alpha1.Evaluation;
import dev.paddock.api.eval.v1alpha1.EvaluationStatus;
import dev.paddock.eval.operator.QuizEndpoint;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The packaged eval service (target/quarkus-app) as the operator of a real k3s cluster: the generated
 * CRD is applied, an Evaluation created, and its status awaited. Needs a container engine; skipped
 * without one (as in the build environment, which has none).
 */
@Testcontainers(disabledWithoutDocker = true)
class EvaluationOnK3sIT {

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    private static final QuizEndpoint ENDPOINT = new QuizEndpoint();
    private static Process operator;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> endpoint = ENDPOINT.start();
        Path kubeconfig = Files.writeString(Files.createTempFile("k3s", ".yaml"), K3S.getKubeConfigYaml());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(K3S.getKubeConfigYaml())).build();
        client.apiextensions().v1().customResourceDefinitions()
                .load(Path.of("target/kubernetes/evaluations.paddock.dev-v1.yml").toFile()).serverSideApply();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dpaddock.eval.status-resync=1s",
                "-Dpaddock.eval.gateway-url=" + endpoint.get("paddock.eval.gateway-url"),
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        operator = pb.inheritIO().start();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.destroy();
        }
        ENDPOINT.stop();
    }

    @Test
    void writesScoresAndRegressedIntoTheStatusOnARealCluster() {
        client.resources(Evaluation.class).inNamespace("default").resource(capitals()).create();

        await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
            Evaluation e = client.resources(Evaluation.class).inNamespace("default").withName("capitals").get();
            assertThat(e.getStatus()).isNotNull();
            assertThat(e.getStatus().observedGeneration).isEqualTo(1L);
            assertThat(e.getStatus().scores).extracting(s -> s.model + "=" + s.score)
                    .containsExactlyInAnyOrder("good=1.0", "bad=0.0");
            Condition regressed = e.getStatus().conditions.stream()
                    .filter(c -> c.getType().equals(EvaluationStatus.REGRESSED)).findFirst().orElseThrow(AssertionError::new);
            assertThat(regressed.getStatus()).isEqualTo("True");
        });
    }

    private static Evaluation capitals() {
        return Serialization.unmarshal("""
                apiVersion: paddock.dev/v1alpha1
                kind: Evaluation
                metadata: {name: capitals}
                spec:
                  models: [good, bad]
                  dataset:
                    items:
                      - {prompt: "Capital of France?", expected: "Paris"}
                      - {prompt: "Capital of Italy?", expected: "Rome"}
                  scorers: [{type: exact_match}]
                  baseline: good
                """, Evaluation.class);
    }
}

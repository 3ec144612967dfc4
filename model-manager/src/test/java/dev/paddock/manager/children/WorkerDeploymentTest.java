package dev.paddock.manager.children;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelSpec;
import dev.paddock.manager.config.ManagerConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The worker Deployment's pod: the server jar in the worker role, configured only by its environment. */
class WorkerDeploymentTest {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final ManagerConfig config = new SmallRyeConfigBuilder().withMapping(ManagerConfig.class)
            .withConverter(Duration.class, 100, new DurationConverter())
            .withDefaultValue("paddock.manager.kafka.bootstrap-servers", "kafka.paddock:9092").build()
            .getConfigMapping(ManagerConfig.class);

    @Test
    void containerRunsTheServerJarInTheWorkerRole() {
        Container c = pod(new WorkerDeployment(config).desired(model(), List.of("gpu-b", "gpu-a"), 2)).getContainers()
                .getFirst();

        assertThat(c.getImage()).isEqualTo("paddock/server:latest");
        assertThat(c.getCommand()).containsExactly("java", "--enable-native-access=ALL-UNNAMED",
                "-XX:+ExitOnOutOfMemoryError", "-jar", "/deployments/quarkus-run.jar");
        assertThat(c.getArgs()).isEmpty();
        assertThat(values(c)).containsEntry("PADDOCK_DISTRIBUTED_ROLE", "worker")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka.paddock:9092")
                .containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0").containsEntry("QUARKUS_HTTP_PORT", "8080");
        EnvVar id = c.getEnv().stream().filter(e -> e.getName().equals("PADDOCK_DISTRIBUTED_WORKER_ID")).findFirst()
                .orElseThrow();
        assertThat(id.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(c.getEnv()).extracting(EnvVar::getName).doesNotHaveDuplicates().hasSize(6);
    }

    @Test
    void modelSpecInTheEnvironmentIsThePlainSpecReadingTheCachedWeights() throws Exception {
        Model model = model();
        Container c = pod(new WorkerDeployment(config).desired(model, List.of("gpu-a"), 1)).getContainers().getFirst();

        String json = values(c).get("PADDOCK_SERVER_MODEL");
        ModelSpec spec = STRICT.readValue(json, ModelSpec.class);
        assertThat(spec.validate("model")).isEmpty();
        assertThat(spec.name).isEqualTo("llama3");
        assertThat(spec.aliases).containsExactly("default");
        assertThat(spec.source).isEqualTo("/cache/" + CacheLayout.fileName(model));
        assertThat(spec.sha256).isNull();
        assertThat(spec.contextSize).isEqualTo(2048);
        assertThat(spec.parallel).isEqualTo(2);
        assertThat(spec.threads).isEqualTo(3);
        assertThat(spec.gpuLayers).isEqualTo(20);
        assertThat(spec.defaults.temperature).isEqualTo(0.2);
        assertThat(json).doesNotContain("minReplicas", "gpu\"", "huggingFace", "nodeSelector");
    }

    @Test
    void podReadsTheNodeCacheReadOnlyOnTheReadyNodesWithItsGpusAndIsReadyWhenTheModelIsLoaded() {
        PodSpec pod = pod(new WorkerDeployment(config).desired(model(), List.of("gpu-b", "gpu-a"), 2));
        Container c = pod.getContainers().getFirst();

        assertThat(c.getVolumeMounts().getFirst().getMountPath()).isEqualTo("/cache");
        assertThat(c.getVolumeMounts().getFirst().getReadOnly()).isTrue();
        assertThat(pod.getVolumes().getFirst().getHostPath().getPath()).isEqualTo("/var/lib/paddock/models/team-a/llama");
        assertThat(pod.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().getFirst().getMatchExpressions().getFirst().getValues())
                .containsExactly("gpu-a", "gpu-b");
        assertThat(c.getResources().getLimits().get("nvidia.com/gpu").getAmount()).isEqualTo("1");
        assertThat(c.getPorts().getFirst().getContainerPort()).isEqualTo(8080);
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    }

    private static PodSpec pod(Deployment d) {
        return d.getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> values(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Model model() {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName("llama").withNamespace("team-a").withUid("u-1").build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.name = "llama3";
        spec.aliases = List.of("default");
        spec.source = "https://models.example.org/llama.gguf";
        spec.sha256 = "a".repeat(64);
        spec.contextSize = 2048;
        spec.parallel = 2;
        spec.threads = 3;
        spec.gpuLayers = 20;
        spec.defaults.temperature = 0.2;
        spec.gpu.count = 1;
        spec.minReplicas = 0;
        spec.maxReplicas = 3;
        spec.nodeSelector = Map.of("pool", "gpu");
        m.setSpec(spec);
        return m;
    }
}

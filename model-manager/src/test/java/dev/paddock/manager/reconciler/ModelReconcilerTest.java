package dev.paddock.manager.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.manager.children.PullJobs;
import dev.paddock.manager.children.WorkerDeployment;
import dev.paddock.manager.kafka.RequestTopics;
import dev.paddock.manager.placement.FakeNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator against the Fabric8 mock API server (CRUD mode) and a real Kafka broker. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
class ModelReconcilerTest {

    private static final String SHA = "a".repeat(64);

    @Inject
    KubernetesClient client;

    @Inject
    RequestTopics topics;

    @Inject
    LeaderElectionConfiguration leaderElection;

    @BeforeEach
    void nodes() {
        FakeNodes.cluster().forEach(n -> client.resource(n).createOr(r -> r.update()));
    }

    @Test
    void gpuModelIsPulledToGpuNodesThenServedFromThem() throws Exception {
        Model model = model("llama-gpu", 1, 3);
        client.resource(model).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("llama-gpu")).hasSize(2));
        assertThat(pullJobs("llama-gpu")).extracting(j -> j.getMetadata().getAnnotations().get("paddock.dev/node"))
                .containsExactlyInAnyOrder("gpu-h100", "gpu-a10");
        Job job = pullJobs("llama-gpu").getFirst();
        assertThat(job.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().getFirst()
                .getMatchExpressions().getFirst().getValues())
                .containsExactly(job.getMetadata().getAnnotations().get("paddock.dev/node"));
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .contains("--source", "https://models.example.org/llama.gguf", "--sha256", SHA);
        assertThat(job.getMetadata().getOwnerReferences().getFirst().getName()).isEqualTo("llama-gpu");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition("llama-gpu", ModelStatus.CACHED).getReason()).isEqualTo("Pulling");
            assertThat(topics.partitions("paddock.requests.llama-gpu")).isEqualTo(3);
            assertThat(topics.partitions("paddock.requests.llama-gpu.batch")).isEqualTo(3);
        });
        pullJobs("llama-gpu").forEach(this::complete);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition("llama-gpu", ModelStatus.CACHED).getStatus()).isEqualTo("True");
            var d = client.apps().deployments().inNamespace(ns()).withName("llama-gpu-worker").get();
            assertThat(d).isNotNull();
            assertThat(d.getSpec().getReplicas()).isEqualTo(1);
            assertThat(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getResources().getLimits()
                    .get("nvidia.com/gpu").getAmount()).isEqualTo("1");
        });
        var rv = resourceVersions("llama-gpu");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(resourceVersions("llama-gpu")).isEqualTo(rv));
    }

    @Test
    void theLeaderElectionBeanNamesTheChartsLease() {
        // the bean quarkus-operator-sdk uses in the prod profile (the test profile runs without leader election)
        assertThat(leaderElection.getLeaseName()).isEqualTo("paddock-model-manager");
        assertThat(leaderElection.getLeaseNamespace()).isEqualTo(Optional.ofNullable(System.getenv("POD_NAMESPACE")));
        assertThat(leaderElection.isExitOnStopLeading()).isTrue();
    }

    @Test
    void checksumMismatchGivesCachedFalseWithTheReason() {
        client.resource(model("bad-sum", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("bad-sum")).hasSize(1));
        Job job = pullJobs("bad-sum").getFirst();
        client.batch().v1().jobs().inNamespace(ns()).withName(job.getMetadata().getName()).editStatus(j -> {
            j.setStatus(new JobStatus());
            j.getStatus().setFailed(3);
            j.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Failed").withStatus("True")
                    .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                    .build()));
            return j;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var cached = condition("bad-sum", ModelStatus.CACHED);
            assertThat(cached.getStatus()).isEqualTo("False");
            assertThat(cached.getReason()).isEqualTo("PullFailed");
            assertThat(condition("bad-sum", ModelStatus.READY).getStatus()).isEqualTo("False");
        });
        assertThat(client.apps().deployments().inNamespace(ns()).withName(WorkerDeployment.name(
                client.resources(Model.class).inNamespace(ns()).withName("bad-sum").get())).get()).isNull();
    }

    @Test
    void deletionEmptiesTheNodeCachesAndDeletesTheTopicBeforeTheModelGoes() throws Exception {
        client.resource(model("to-delete", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("to-delete")).hasSize(1));
        pullJobs("to-delete").forEach(this::complete);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition("to-delete", ModelStatus.CACHED).getStatus()).isEqualTo("True");
            assertThat(topics.partitions("paddock.requests.to-delete")).isEqualTo(1);
            assertThat(topics.partitions("paddock.requests.to-delete.batch")).isEqualTo(1);
        });
        client.resources(Model.class).inNamespace(ns()).withName("to-delete").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs("to-delete", "cleanup")).hasSize(1));
        Job cleanup = jobs("to-delete", "cleanup").getFirst();
        assertThat(cleanup.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(cleanup.getMetadata().getAnnotations().get("paddock.dev/node")).isEqualTo("cpu-1");
        assertThat(cleanup.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .containsExactly("--remove", "/cache");
        assertThat(client.resources(Model.class).inNamespace(ns()).withName("to-delete").get()).isNotNull();
        complete(cleanup);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(client.resources(Model.class).inNamespace(ns()).withName("to-delete").get()).isNull();
            assertThat(topics.partitions("paddock.requests.to-delete")).isNull();
            assertThat(topics.partitions("paddock.requests.to-delete.batch")).isNull();
        });
    }

    @Test
    void aSpecTheApiServerWouldRefuseIsReportedAndCreatesNoJobs() {
        Model noPath = model("pvc-no-path", 0, 1);
        noPath.getSpec().source = null;
        noPath.getSpec().pvc = new ModelResourceSpec.PvcSource();
        noPath.getSpec().pvc.claimName = "weights";
        Model fileSource = model("file-source", 0, 1);
        fileSource.getSpec().source = "file:///etc/passwd";
        client.resource(noPath).create();
        client.resource(fileSource).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String type : List.of(ModelStatus.CACHED, ModelStatus.SERVING, ModelStatus.READY)) {
                assertThat(condition("pvc-no-path", type).getStatus()).isEqualTo("False");
                assertThat(condition("pvc-no-path", type).getReason()).isEqualTo("InvalidSpec");
                assertThat(condition("file-source", type).getReason()).isEqualTo("InvalidSpec");
            }
        });
        assertThat(condition("pvc-no-path", ModelStatus.CACHED).getMessage()).startsWith("spec.pvc.path: required")
                .doesNotContain("spec.source");
        assertThat(condition("file-source", ModelStatus.READY).getMessage()).startsWith("spec.source:")
                .contains("https").contains("file:///etc/passwd");
        // reconciled every second (resync-interval) and still nothing made for either
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            for (String name : List.of("pvc-no-path", "file-source")) {
                assertThat(client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", name).list()
                        .getItems()).isEmpty();
                assertThat(client.apps().deployments().inNamespace(ns()).withName(name + "-worker").get()).isNull();
                assertThat(topics.partitions("paddock.requests." + name)).isNull();
            }
        });
        // fixed, the same Model is pulled
        client.resources(Model.class).inNamespace(ns()).withName("pvc-no-path").edit(m -> {
            m.getSpec().pvc.path = "models/tiny.gguf";
            return m;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pullJobs("pvc-no-path")).hasSize(1);
            assertThat(condition("pvc-no-path", ModelStatus.CACHED).getReason()).isEqualTo("Pulling");
        });
    }

    @Test
    void aHuggingFaceSourceIsPulledWithItsRevisionAndTheTokenFromTheSecret() {
        Model m = model("hf-model", 0, 1);
        m.getSpec().source = null;
        m.getSpec().huggingFace = new ModelResourceSpec.HuggingFaceSource();
        m.getSpec().huggingFace.repo = "owner/tiny-GGUF";
        m.getSpec().huggingFace.file = "q4/tiny.Q4_K_M.gguf";
        m.getSpec().huggingFace.revision = "v2";
        m.getSpec().huggingFace.tokenSecret = "hf-credentials";
        client.resource(m).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("hf-model")).hasSize(1));
        var container = pullJobs("hf-model").getFirst().getSpec().getTemplate().getSpec().getContainers().getFirst();
        List<String> args = container.getArgs();
        assertThat(args).containsSubsequence("--hf-repo", "owner/tiny-GGUF", "--hf-file", "q4/tiny.Q4_K_M.gguf",
                "--hf-base-url", "https://huggingface.co", "--hf-revision", "v2", "--sha256", SHA)
                .doesNotContain("--source", "--file");
        assertThat(args.get(args.indexOf("--dest") + 1)).matches("/cache/weights-[0-9a-f]{10}\\.gguf");
        assertThat(container.getEnv()).hasSize(1);
        var token = container.getEnv().getFirst();
        assertThat(token.getName()).isEqualTo("HF_TOKEN");
        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("hf-credentials");
        assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("token");
    }

    @Test
    void aPvcSourceIsMountedReadOnlyAndCopiedFromItsPath() {
        Model m = model("pvc-model", 0, 1);
        m.getSpec().source = null;
        m.getSpec().pvc = new ModelResourceSpec.PvcSource();
        m.getSpec().pvc.claimName = "model-store";
        m.getSpec().pvc.path = "/llama/llama-3-8b.Q4.gguf";
        client.resource(m).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("pvc-model")).hasSize(1));
        var pod = pullJobs("pvc-model").getFirst().getSpec().getTemplate().getSpec();
        var source = pod.getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null).toList();
        assertThat(source).hasSize(1);
        assertThat(source.getFirst().getPersistentVolumeClaim().getClaimName()).isEqualTo("model-store");
        assertThat(source.getFirst().getPersistentVolumeClaim().getReadOnly()).isTrue();
        var container = pod.getContainers().getFirst();
        var mount = container.getVolumeMounts().stream().filter(v -> v.getName().equals(source.getFirst().getName()))
                .toList();
        assertThat(mount).hasSize(1);
        assertThat(mount.getFirst().getMountPath()).isEqualTo("/source");
        assertThat(mount.getFirst().getReadOnly()).isTrue();
        assertThat(container.getArgs()).containsSubsequence("--file", "/source/llama/llama-3-8b.Q4.gguf")
                .doesNotContain("--source", "--hf-repo");
        assertThat(container.getEnv()).isEmpty();
    }

    private List<Job> jobs(String model, String component) {
        return client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", model)
                .withLabel("paddock.dev/component", component).list().getItems();
    }

    private void complete(Job job) {
        JobController.completed(client, job);
    }

    private List<String> resourceVersions(String model) {
        List<String> rvs = new ArrayList<>();
        rvs.add(client.resources(Model.class).inNamespace(ns()).withName(model).get().getMetadata().getResourceVersion());
        pullJobs(model).forEach(j -> rvs.add(j.getMetadata().getResourceVersion()));
        rvs.add(client.apps().deployments().inNamespace(ns()).withName(model + "-worker").get().getMetadata()
                .getResourceVersion());
        return rvs;
    }

    private Condition condition(String model, String type) {
        Model m = client.resources(Model.class).inNamespace(ns()).withName(model).get();
        assertThat(m.getStatus()).isNotNull();
        return m.getStatus().condition(type);
    }

    private List<Job> pullJobs(String model) {
        return client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", model)
                .withLabel("paddock.dev/component", PullJobs.COMPONENT).list().getItems();
    }

    private String ns() {
        return client.getNamespace();
    }

    private Model model(String name, int gpus, int maxReplicas) {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns()).build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.source = "https://models.example.org/llama.gguf";
        spec.sha256 = SHA;
        spec.gpu.count = gpus;
        spec.maxReplicas = maxReplicas;
        m.setSpec(spec);
        return m;
    }
}

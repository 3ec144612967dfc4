package dev.paddock.manager.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.api.model.v1alpha1.WorkerLaunch;
import dev.paddock.manager.children.PullJobs;
import dev.paddock.manager.children.WorkerDeployment;
import dev.paddock.manager.kafka.RequestTopics;
import dev.paddock.manager.placement.FakeNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    void checksumMismatchGivesCachedFalseWithTheReasonAndIsNotRetried() {
        client.resource(model("bad-sum", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("bad-sum")).hasSize(1));
        Job job = pullJobs("bad-sum").getFirst();
        // what the puller writes for a digest mismatch (PullerMainTest checks it does)
        fail(job, "{\"error\":\"sha256 of https://models.example.org/llama.gguf is " + "b".repeat(64) + ", expected "
                + SHA + "\",\"failure\":\"Checksum\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var cached = condition("bad-sum", ModelStatus.CACHED);
            assertThat(cached.getStatus()).isEqualTo("False");
            assertThat(cached.getReason()).isEqualTo("PullFailed");
            assertThat(cached.getMessage()).contains("sha256 of").contains("not retried");
            assertThat(condition("bad-sum", ModelStatus.READY).getStatus()).isEqualTo("False");
        });
        ModelStatus.NodeCache node = nodes("bad-sum").getFirst();
        assertThat(node.phase).isEqualTo(ModelStatus.NodeCache.Phase.Failed);
        assertThat(node.failure).isEqualTo("Checksum");
        assertThat(node.retryAt).isNull();
        assertThat(node.attempts).isEqualTo(1);
        // longer than the first two back-offs (4s, 8s): the same Job, the same reason, no new attempt
        await().during(Duration.ofSeconds(13)).atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(pullJobs("bad-sum")).extracting(j -> j.getMetadata().getUid())
                    .containsExactly(job.getMetadata().getUid());
            assertThat(condition("bad-sum", ModelStatus.CACHED).getReason()).isEqualTo("PullFailed");
            assertThat(nodes("bad-sum").getFirst().attempts).isEqualTo(1);
        });
        assertThat(client.apps().deployments().inNamespace(ns()).withName(WorkerDeployment.name(
                client.resources(Model.class).inNamespace(ns()).withName("bad-sum").get())).get()).isNull();
    }

    @Test
    void aClientErrorFromTheSourceIsReportedAndNotRetried() {
        client.resource(model("not-found", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("not-found")).hasSize(1));
        Job job = pullJobs("not-found").getFirst();
        // what the puller writes for a 404 (PullerMainTest checks it does)
        fail(job, "{\"error\":\"GET https://models.example.org/llama.gguf answered HTTP 404\","
                + "\"failure\":\"ClientError\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var cached = condition("not-found", ModelStatus.CACHED);
            assertThat(cached.getStatus()).isEqualTo("False");
            assertThat(cached.getReason()).isEqualTo("SourceClientError");
            assertThat(cached.getMessage())
                    .contains("cpu-1: GET https://models.example.org/llama.gguf answered HTTP 404")
                    .contains("not retried").contains("token");
        });
        ModelStatus.NodeCache node = nodes("not-found").getFirst();
        assertThat(node.phase).isEqualTo(ModelStatus.NodeCache.Phase.Failed);
        assertThat(node.failure).isEqualTo("ClientError");
        assertThat(node.message).isEqualTo("GET https://models.example.org/llama.gguf answered HTTP 404");
        assertThat(node.retryAt).isNull();
        // longer than the first back-off (4s): the same Job, no new attempt
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(pullJobs("not-found")).extracting(j -> j.getMetadata().getUid())
                    .containsExactly(job.getMetadata().getUid());
            assertThat(nodes("not-found").getFirst().attempts).isEqualTo(1);
            assertThat(nodes("not-found").getFirst().retryAt).isNull();
        });
        // fixed outside the spec (a token Secret): deleting the failed Job tries again at once
        client.resource(job).delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pullJobs("not-found")).singleElement().satisfies(j ->
                    assertThat(j.getMetadata().getUid()).isNotEqualTo(job.getMetadata().getUid()));
            assertThat(condition("not-found", ModelStatus.CACHED).getReason()).isEqualTo("Pulling");
        });
    }

    @Test
    void aTransientlyFailedPullIsReplacedAfterAGrowingBackOff() {
        client.resource(model("flaky", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pullJobs("flaky")).hasSize(1);
            assertThat(nodes("flaky")).singleElement().satisfies(n -> assertThat(n.attempts).isEqualTo(1));
        });
        Job first = pullJobs("flaky").getFirst();
        Instant failedAt = Instant.now();
        fail(first, "{\"error\":\"GET https://models.example.org/llama.gguf: Connection reset\","
                + "\"failure\":\"Transient\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(nodes("flaky").getFirst().retryAt).isNotNull();
            var cached = condition("flaky", ModelStatus.CACHED);
            assertThat(cached.getStatus()).isEqualTo("False");
            assertThat(cached.getReason()).isEqualTo("PullFailed");
            assertThat(cached.getMessage()).contains("Connection reset").contains("attempt 1").contains("retried at");
        });
        ModelStatus.NodeCache failed = nodes("flaky").getFirst();
        assertThat(failed.phase).isEqualTo(ModelStatus.NodeCache.Phase.Failed);
        assertThat(failed.failure).isEqualTo("Transient");
        assertThat(failed.attempts).isEqualTo(1);
        Instant firstRetry = Instant.parse(failed.retryAt);
        assertThat(Duration.between(failedAt, firstRetry)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));

        Job second = await().atMost(Duration.ofSeconds(30)).until(() -> pullJobs("flaky").stream()
                .filter(j -> !j.getMetadata().getUid().equals(first.getMetadata().getUid())).findFirst()
                .orElse(null), Objects::nonNull);
        // not before the back-off ran out
        assertThat(Instant.now()).isAfterOrEqualTo(firstRetry);
        assertThat(pullJobs("flaky")).hasSize(1);
        assertThat(second.getMetadata().getAnnotations()).containsEntry("paddock.dev/attempt", "2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ModelStatus.NodeCache n = nodes("flaky").getFirst();
            assertThat(n.attempts).isEqualTo(2);
            assertThat(n.phase).isEqualTo(ModelStatus.NodeCache.Phase.Pending);
            assertThat(n.retryAt).isNull();
        });

        // it fails again: twice the wait
        Instant failedAgainAt = Instant.now();
        fail(second, "{\"error\":\"GET https://models.example.org/llama.gguf answered HTTP 503\","
                + "\"failure\":\"Transient\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(nodes("flaky").getFirst().phase).isEqualTo(ModelStatus.NodeCache.Phase.Failed);
            assertThat(nodes("flaky").getFirst().retryAt).isNotNull();
            assertThat(condition("flaky", ModelStatus.CACHED).getMessage()).contains("HTTP 503").contains("attempt 2");
        });
        Instant secondRetry = Instant.parse(nodes("flaky").getFirst().retryAt);
        assertThat(Duration.between(failedAgainAt, secondRetry)).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(9));
        Job third = await().atMost(Duration.ofSeconds(30)).until(() -> pullJobs("flaky").stream()
                .filter(j -> !j.getMetadata().getUid().equals(second.getMetadata().getUid())).findFirst()
                .orElse(null), Objects::nonNull);
        assertThat(Instant.now()).isAfterOrEqualTo(secondRetry);
        assertThat(third.getMetadata().getAnnotations()).containsEntry("paddock.dev/attempt", "3");
        complete(third);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition("flaky", ModelStatus.CACHED).getStatus()).isEqualTo("True");
            assertThat(nodes("flaky").getFirst().attempts).isEqualTo(3);
            assertThat(nodes("flaky").getFirst().failure).isNull();
        });
    }

    @Test
    void reconcilesDuringTheBackOffChangeNothing() {
        client.resource(model("backing-off", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("backing-off")).hasSize(1));
        Job job = pullJobs("backing-off").getFirst();
        fail(job, "{\"error\":\"GET https://models.example.org/llama.gguf: timed out\",\"failure\":\"Transient\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(nodes("backing-off").getFirst().retryAt).isNotNull());
        Instant retryAt = Instant.parse(nodes("backing-off").getFirst().retryAt);
        List<String> rvs = new ArrayList<>();
        rvs.add(client.resources(Model.class).inNamespace(ns()).withName("backing-off").get().getMetadata()
                .getResourceVersion());
        rvs.add(pullJobs("backing-off").getFirst().getMetadata().getResourceVersion());
        // the resync (1s in tests) reconciles it twice or more meanwhile; neither the status nor the Job changes
        await().during(Duration.ofMillis(2200)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(client.resources(Model.class).inNamespace(ns()).withName("backing-off").get().getMetadata()
                    .getResourceVersion()).isEqualTo(rvs.get(0));
            assertThat(pullJobs("backing-off")).singleElement().satisfies(j -> {
                assertThat(j.getMetadata().getUid()).isEqualTo(job.getMetadata().getUid());
                assertThat(j.getMetadata().getResourceVersion()).isEqualTo(rvs.get(1));
            });
        });
        assertThat(Instant.now()).as("the check ran within the back-off").isBefore(retryAt);
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
    void aChangedSourceRemovesTheOldFileOnceTheNewOneIsCachedAndNoWorkerUsesIt() {
        client.resource(model("resourced", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("resourced")).hasSize(1));
        Job first = pullJobs("resourced").getFirst();
        String oldFile = dest(first);
        complete(first);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition("resourced", ModelStatus.CACHED).getStatus()).isEqualTo("True"));
        Pod worker = workerPod("resourced", "cpu-1", oldFile);
        changeSource("resourced", "https://models.example.org/llama-v2.gguf");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("resourced"))
                .extracting(j -> j.getMetadata().getName()).contains(first.getMetadata().getName()).hasSize(2));
        Job second = pullJobs("resourced").stream()
                .filter(j -> !j.getMetadata().getName().equals(first.getMetadata().getName())).findFirst().orElseThrow();
        String newFile = dest(second);
        assertThat(newFile).isNotEqualTo(oldFile).startsWith("/cache/weights-");
        assertThat(second.getMetadata().getAnnotations()).containsEntry("paddock.dev/attempt", "1");
        // the old file stays while the new one is pulled
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(jobs("resourced", "stale")).isEmpty();
            assertThat(pullJobs("resourced")).hasSize(2);
        });
        complete(second);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition("resourced", ModelStatus.CACHED).getStatus()).isEqualTo("True"));
        // and while a worker started with it runs on the node (the Deployment's rollout replaces it)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(jobs("resourced", "stale")).isEmpty();
            assertThat(pullJobs("resourced")).hasSize(2);
        });
        client.resource(worker).withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jobs("resourced", "stale")).hasSize(1);
            assertThat(pullJobs("resourced")).extracting(j -> j.getMetadata().getName())
                    .containsExactly(second.getMetadata().getName());
        });
        Job removal = jobs("resourced", "stale").getFirst();
        assertThat(removal.getMetadata().getAnnotations()).containsEntry("paddock.dev/node", "cpu-1")
                .containsEntry("paddock.dev/stale-file", oldFile.substring("/cache/".length()));
        assertThat(removal.getMetadata().getOwnerReferences()).isEmpty();
        assertThat(removal.getSpec().getTemplate().getSpec().getAffinity().toString()).contains("cpu-1");
        assertThat(removal.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .containsExactly("--remove", oldFile);
        // later reconciles (resync every second) change nothing
        String modelVersion = current("resourced").getMetadata().getResourceVersion();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(jobs("resourced", "stale")).singleElement().satisfies(j -> assertThat(j.getMetadata()
                    .getResourceVersion()).isEqualTo(removal.getMetadata().getResourceVersion()));
            assertThat(pullJobs("resourced")).extracting(j -> j.getMetadata().getUid())
                    .containsExactly(second.getMetadata().getUid());
            assertThat(current("resourced").getMetadata().getResourceVersion()).isEqualTo(modelVersion);
        });
        // deleted while the removal has not run: the folder's cleanup does not wait for it, and the removal stays
        client.resources(Model.class).inNamespace(ns()).withName("resourced").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs("resourced", "cleanup")).hasSize(1));
        assertThat(jobs("resourced", "cleanup").getFirst().getSpec().getTemplate().getSpec().getContainers().getFirst()
                .getArgs()).containsExactly("--remove", "/cache");
        complete(jobs("resourced", "cleanup").getFirst());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.resources(Model.class).inNamespace(ns()).withName("resourced").get()).isNull());
        assertThat(jobs("resourced", "stale")).extracting(j -> j.getMetadata().getUid())
                .containsExactly(removal.getMetadata().getUid());
    }

    @Test
    void aChangedSourceStartsAtAttemptOneAndRemovesTheFailedEarlierPullsPartAtOnce() {
        client.resource(model("refailed", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("refailed")).hasSize(1));
        Job first = pullJobs("refailed").getFirst();
        String oldFile = dest(first);
        fail(first, "{\"error\":\"GET https://models.example.org/llama.gguf: Connection reset\","
                + "\"failure\":\"Transient\"}");
        Job second = await().atMost(Duration.ofSeconds(30)).until(() -> pullJobs("refailed").stream()
                .filter(j -> !j.getMetadata().getUid().equals(first.getMetadata().getUid())).findFirst()
                .orElse(null), Objects::nonNull);
        fail(second, "{\"error\":\"sha256 of https://models.example.org/llama.gguf is " + "b".repeat(64)
                + ", expected " + SHA + "\",\"failure\":\"Checksum\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nodes("refailed")).singleElement()
                .satisfies(n -> {
                    assertThat(n.failure).isEqualTo("Checksum");
                    assertThat(n.attempts).isEqualTo(2);
                }));
        changeSource("refailed", "https://models.example.org/llama-fixed.gguf");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pullJobs("refailed")).singleElement().satisfies(j -> {
                assertThat(dest(j)).isNotEqualTo(oldFile);
                assertThat(j.getMetadata().getAnnotations()).containsEntry("paddock.dev/attempt", "1");
            });
            // the failed pull's .part goes at once: nothing waits for an unfinished file
            assertThat(jobs("refailed", "stale")).singleElement().satisfies(j -> assertThat(j.getSpec().getTemplate()
                    .getSpec().getContainers().getFirst().getArgs()).containsExactly("--remove", oldFile));
            assertThat(nodes("refailed")).singleElement().satisfies(n -> {
                assertThat(n.phase).isEqualTo(ModelStatus.NodeCache.Phase.Pending);
                assertThat(n.attempts).isEqualTo(1);
                assertThat(n.failure).isNull();
                assertThat(n.retryAt).isNull();
            });
        });
    }

    @Test
    void onANodeNoLongerChosenTheOldFileGoesOnceNoWorkerUsesItWithoutWaitingForTheNewOne() {
        Job first = pulledThenMoved("moved", "stale-a", "stale-b");
        // the old node is not chosen any more: nothing new is awaited there, only the worker started with the old file
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(jobs("moved", "stale")).isEmpty();
            assertThat(pullJobs("moved")).hasSize(2);
        });
        client.pods().inNamespace(ns()).withName("moved-worker-old").withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(pullJobs("moved")).singleElement().satisfies(j ->
                    assertThat(j.getMetadata().getAnnotations()).containsEntry("paddock.dev/node", "stale-b"));
            assertThat(jobs("moved", "stale")).singleElement().satisfies(j -> {
                assertThat(j.getMetadata().getAnnotations()).containsEntry("paddock.dev/node", "stale-a");
                assertThat(j.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                        .containsExactly("--remove", dest(first));
            });
        });
        assertThat(nodes("moved")).singleElement().satisfies(n -> {
            assertThat(n.node).isEqualTo("stale-b");
            assertThat(n.phase).isNotEqualTo(ModelStatus.NodeCache.Phase.Ready);
        });
    }

    @Test
    void aDeletionEmptiesTheFolderOnANodeWhereAnOldFileIsStillKept() {
        pulledThenMoved("moved-away", "stale-c", "stale-d");
        assertThat(pullJobs("moved-away")).hasSize(2);
        // stale-c is in no status entry now, but its old pull Job tells that the folder there holds a file
        client.resources(Model.class).inNamespace(ns()).withName("moved-away").delete();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs("moved-away", "cleanup"))
                .extracting(j -> j.getMetadata().getAnnotations().get("paddock.dev/node"))
                .containsExactlyInAnyOrder("stale-c", "stale-d"));
        jobs("moved-away", "cleanup").forEach(this::complete);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(client.resources(Model.class).inNamespace(ns()).withName("moved-away").get()).isNull());
    }

    @Test
    void onANodeThatLeftTheClusterTheOldPullJobIsOnlyDeleted() {
        client.resource(FakeNodes.dedicated("stale-gone", "stale-gone")).createOr(r -> r.update());
        client.resource(FakeNodes.dedicated("stale-kept", "stale-kept")).createOr(r -> r.update());
        Model m = model("orphaned", 0, 1);
        FakeNodes.onDedicated(m.getSpec(), "stale-gone");
        client.resource(m).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("orphaned")).hasSize(1));
        complete(pullJobs("orphaned").getFirst());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition("orphaned", ModelStatus.CACHED).getStatus()).isEqualTo("True"));
        client.nodes().withName("stale-gone").delete();
        client.resources(Model.class).inNamespace(ns()).withName("orphaned").edit(edited -> {
            edited.getSpec().source = "https://models.example.org/llama-v2.gguf";
            FakeNodes.onDedicated(edited.getSpec(), "stale-kept");
            return edited;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("orphaned")).singleElement()
                .satisfies(j -> assertThat(j.getMetadata().getAnnotations()).containsEntry("paddock.dev/node",
                        "stale-kept")));
        // a removal Job pinned to a node that is gone would stay Pending for ever
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(jobs("orphaned", "stale")).isEmpty());
    }

    /**
     * A model pulled on node {@code from}, where a worker started with that file runs (pod {@code <name>-worker-old}),
     * then given a new source and moved to node {@code to}; returns its first pull Job.
     */
    private Job pulledThenMoved(String name, String from, String to) {
        client.resource(FakeNodes.dedicated(from, from)).createOr(r -> r.update());
        client.resource(FakeNodes.dedicated(to, to)).createOr(r -> r.update());
        Model m = model(name, 0, 1);
        FakeNodes.onDedicated(m.getSpec(), from);
        client.resource(m).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs(name)).hasSize(1));
        Job first = pullJobs(name).getFirst();
        complete(first);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(condition(name, ModelStatus.CACHED).getStatus()).isEqualTo("True"));
        workerPod(name, from, dest(first));
        client.resources(Model.class).inNamespace(ns()).withName(name).edit(edited -> {
            edited.getSpec().source = "https://models.example.org/llama-v2.gguf";
            FakeNodes.onDedicated(edited.getSpec(), to);
            return edited;
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs(name))
                .extracting(j -> j.getMetadata().getAnnotations().get("paddock.dev/node")).contains(to));
        return first;
    }

    @Test
    void aSourceChangedBackIsPulledAgainOnlyOnceTheRemovalOfItsFileFinished() {
        client.resource(model("flip", 0, 1)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("flip")).hasSize(1));
        Job first = pullJobs("flip").getFirst();
        complete(first);
        changeSource("flip", "https://models.example.org/llama-v2.gguf");
        Job second = await().atMost(Duration.ofSeconds(30)).until(() -> pullJobs("flip").stream()
                .filter(j -> !j.getMetadata().getName().equals(first.getMetadata().getName())).findFirst()
                .orElse(null), Objects::nonNull);
        complete(second);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs("flip", "stale")).hasSize(1));
        Job removal = jobs("flip", "stale").getFirst();
        assertThat(removal.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .containsExactly("--remove", dest(first));
        // back to the first source while its file is being removed: the pull waits, or it would find the file
        // there, report it Ready, and lose it to the removal
        changeSource("flip", "https://models.example.org/llama.gguf");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nodes("flip")).singleElement()
                .satisfies(n -> {
                    assertThat(n.phase).isEqualTo(ModelStatus.NodeCache.Phase.Pending);
                    assertThat(n.message).contains("earlier removal of " + dest(first).substring("/cache/".length()));
                }));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(pullJobs("flip")).extracting(ModelReconcilerTest::dest).containsExactly(dest(second)));
        complete(removal);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("flip"))
                .extracting(ModelReconcilerTest::dest).containsExactlyInAnyOrder(dest(first), dest(second)));
    }

    private void changeSource(String model, String source) {
        client.resources(Model.class).inNamespace(ns()).withName(model).edit(m -> {
            m.getSpec().source = source;
            return m;
        });
    }

    /** A worker pod of the model bound to a node, running (not ready) with the served spec naming this file. */
    private Pod workerPod(String model, String node, String weights) {
        Pod pod = client.resource(new PodBuilder().withNewMetadata().withName(model + "-worker-old").withNamespace(ns())
                .addToLabels("app.kubernetes.io/managed-by", "paddock-model-manager")
                .addToLabels("paddock.dev/model", model).addToLabels("paddock.dev/component", "worker").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("worker").withImage("w")
                .addNewEnv().withName("PADDOCK_SERVER_MODEL").withValue("{\"name\":\"" + model + "\",\"source\":\""
                        + weights + "\"}").endEnv().endContainer().endSpec().build()).create();
        return client.pods().inNamespace(ns()).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p)
                .withNewStatus().withPhase("Running").endStatus().build());
    }

    private Model current(String name) {
        return client.resources(Model.class).inNamespace(ns()).withName(name).get();
    }

    private static String dest(Job pull) {
        List<String> args = pull.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs();
        return args.get(args.indexOf("--dest") + 1);
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

    @Test
    void anUpdatedSpecReachesTheWorkerTheTopicAndTheStatusWithoutANewPull() throws Exception {
        client.resource(model("grown", 0, 2)).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs("grown")).isNotEmpty());
        pullJobs("grown").forEach(this::complete);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition("grown", ModelStatus.CACHED).getStatus()).isEqualTo("True");
            assertThat(client.apps().deployments().inNamespace(ns()).withName("grown-worker").get()).isNotNull();
            assertThat(topics.partitions("paddock.requests.grown")).isEqualTo(2);
        });
        List<String> pulls = pullJobs("grown").stream().map(j -> j.getMetadata().getName()).toList();

        Model edited = client.resources(Model.class).inNamespace(ns()).withName("grown").edit(m -> {
            m.getSpec().maxReplicas = 4;
            m.getSpec().contextSize = 4096;
            m.getSpec().resources = new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("2Gi"))
                    .build();
            return m;
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(topics.partitions("paddock.requests.grown")).isEqualTo(4);
            assertThat(topics.partitions("paddock.requests.grown.batch")).isEqualTo(4);
            var container = client.apps().deployments().inNamespace(ns()).withName("grown-worker").get().getSpec()
                    .getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getResources().getRequests().get("memory")).isEqualTo(new Quantity("2Gi"));
            String spec = container.getEnv().stream().filter(e -> e.getName().equals(WorkerLaunch.MODEL))
                    .findFirst().orElseThrow().getValue();
            assertThat(spec).contains("\"contextSize\":4096");
            Model now = client.resources(Model.class).inNamespace(ns()).withName("grown").get();
            assertThat(now.getStatus().observedGeneration).isEqualTo(edited.getMetadata().getGeneration());
        });
        assertThat(edited.getMetadata().getGeneration()).isGreaterThan(1L);
        // same source and sha256: the weights on the nodes stay, no Job pulls them again
        assertThat(pullJobs("grown")).extracting(j -> j.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(pulls);
        assertThat(condition("grown", ModelStatus.CACHED).getStatus()).isEqualTo("True");
        var rv = resourceVersions("grown");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(resourceVersions("grown")).isEqualTo(rv));
    }

    private List<Job> jobs(String model, String component) {
        return client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", model)
                .withLabel("paddock.dev/component", component).list().getItems();
    }

    private void complete(Job job) {
        JobController.completed(client, job);
    }

    /** What the kubelet and Job controller do when the puller's pod exits 1 with this result: the Job failed. */
    private void fail(Job job, String terminationMessage) {
        Pod pod = client.resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-x")
                .withNamespace(ns()).addToLabels("job-name", job.getMetadata().getName()).addNewOwnerReference()
                .withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).endOwnerReference().endMetadata().withNewSpec()
                .addNewContainer().withName(PullJobs.CONTAINER).withImage("p").endContainer().endSpec().build())
                .createOr(r -> r.update());
        client.pods().inNamespace(ns()).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p)
                .withNewStatus().withPhase("Failed").addNewContainerStatus().withName(PullJobs.CONTAINER)
                .withNewState().withNewTerminated().withExitCode(1).withMessage(terminationMessage).endTerminated()
                .endState().endContainerStatus().endStatus().build());
        client.batch().v1().jobs().inNamespace(ns()).withName(job.getMetadata().getName()).editStatus(j -> {
            j.setStatus(new JobStatus());
            j.getStatus().setFailed(3);
            j.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Failed").withStatus("True")
                    .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                    .build()));
            return j;
        });
    }

    private List<ModelStatus.NodeCache> nodes(String model) {
        Model m = client.resources(Model.class).inNamespace(ns()).withName(model).get();
        assertThat(m.getStatus()).isNotNull();
        return m.getStatus().nodes;
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

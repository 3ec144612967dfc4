package dev.paddock.manager.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.manager.placement.FakeNodes;
import dev.paddock.manager.placement.NodePlacement;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-node cache limit and least-recently-used eviction, on the Fabric8 mock API server (CRUD mode)
 * with a real Kafka broker. Each test has its own tainted 1000-byte node, so the other tests' models
 * never land there.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
class CacheEvictionTest {

    @Inject
    KubernetesClient client;

    @Test
    void fullNodeEvictsTheLeastRecentlyUsedIdleModelAndPullsOnlyOnceItIsGone() {
        node("lru-a");
        pulled(model("old", "lru-a", 400));
        pulled(model("mid", "lru-a", 400));
        client.resource(model("new", "lru-a", 400)).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs("old", "evict")).hasSize(1));
        Job eviction = jobs("old", "evict").getFirst();
        assertThat(eviction.getMetadata().getAnnotations()).containsEntry("paddock.dev/node", "lru-a")
                .containsEntry("paddock.dev/evicted-for", ns() + "/new");
        assertThat(eviction.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs())
                .containsExactly("--remove", "/cache");
        assertThat(jobs("mid", "evict")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition("new", ModelStatus.CACHED).getReason()).isEqualTo("Evicting");
            assertThat(condition("new", ModelStatus.CACHED).getMessage()).contains(ns() + "/old");
            assertThat(jobs("new", "pull")).isEmpty();
            assertThat(get("old").getStatus().nodes).isEmpty();
            assertThat(condition("old", ModelStatus.CACHED).getReason()).isEqualTo("CacheFull");
            assertThat(condition("old", ModelStatus.CACHED).getMessage()).contains("lru-a (evicted");
            assertThat(jobs("old", "pull")).isEmpty();
        });

        complete(eviction);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs("new", "pull")).hasSize(1));
        complete(jobs("new", "pull").getFirst());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition("new", ModelStatus.CACHED).getStatus()).isEqualTo("True");
            assertThat(condition("mid", ModelStatus.CACHED).getStatus()).isEqualTo("True");
        });
    }

    @Test
    void modelWithAWorkerOnTheNodeIsKeptAndTheNewcomerReportsCacheFull() {
        node("lru-b");
        pulled(model("busy", "lru-b", 600));
        String pulledAt = get("busy").getStatus().nodes.getFirst().lastUsed;
        workerPod("busy", "lru-b");
        client.resource(model("late", "lru-b", 600)).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition cached = condition("late", ModelStatus.CACHED);
            assertThat(cached.getStatus()).isEqualTo("False");
            assertThat(cached.getReason()).isEqualTo("CacheFull");
            assertThat(cached.getMessage()).isEqualTo("no room in the node caches: lru-b (400 of 1000 bytes free,"
                    + " 600 needed, 0 held by models no worker uses)");
        });
        assertThat(jobs("busy", "evict")).isEmpty();
        assertThat(jobs("late", "pull")).isEmpty();
        // lastUsed moves forward while a ready worker runs there (resolution 1s in tests)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Instant.parse(get("busy").getStatus().nodes.getFirst().lastUsed)).isAfter(Instant.parse(pulledAt)));
    }

    @Test
    void modelThatWantsNoWorkersDoesNotEvict() {
        node("lru-c");
        pulled(model("resident", "lru-c", 700));
        Model idle = model("prefetch", "lru-c", 700);
        idle.getSpec().minReplicas = 0;
        client.resource(idle).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Condition cached = condition("prefetch", ModelStatus.CACHED);
            assertThat(cached.getReason()).isEqualTo("CacheFull");
            assertThat(cached.getMessage()).contains("no eviction while the model wants no workers");
        });
        assertThat(jobs("resident", "evict")).isEmpty();
    }

    private void pulled(Model model) {
        String name = model.getMetadata().getName();
        client.resource(model).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs(name, "pull")).hasSize(1));
        complete(jobs(name, "pull").getFirst());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition(name, ModelStatus.CACHED).getStatus()).isEqualTo("True");
            assertThat(get(name).getStatus().nodes).extracting((NodeCache n) -> n.lastUsed).doesNotContainNull();
        });
    }

    private void node(String name) {
        Node n = new NodeBuilder(FakeNodes.dedicated(name, name)).editMetadata().addToAnnotations(NodePlacement.CACHE_SIZE_ANNOTATION, "1000").endMetadata().build();
        client.resource(n).createOr(r -> r.update());
    }

    /** A running, ready worker pod of the model, bound to the node (as the scheduler and kubelet would). */
    private void workerPod(String model, String node) {
        Pod pod = new PodBuilder().withNewMetadata().withName(model + "-worker-abc").withNamespace(ns())
                .addToLabels("app.kubernetes.io/managed-by", "paddock-model-manager")
                .addToLabels("paddock.dev/model", model).addToLabels("paddock.dev/component", "worker").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("worker").withImage("w").endContainer()
                .endSpec().build();
        client.resource(pod).create();
        client.pods().inNamespace(ns()).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p)
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                .endCondition().endStatus().build());
    }

    private List<Job> jobs(String model, String component) {
        return client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", model)
                .withLabel("paddock.dev/component", component).list().getItems();
    }

    private void complete(Job job) {
        JobController.completed(client, job);
    }

    private Model get(String model) {
        return client.resources(Model.class).inNamespace(ns()).withName(model).get();
    }

    private Condition condition(String model, String type) {
        Model m = get(model);
        assertThat(m.getStatus()).isNotNull();
        return m.getStatus().condition(type);
    }

    private String ns() {
        return client.getNamespace();
    }

    private Model model(String name, String node, long bytes) {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns()).build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.source = "https://models.example.org/" + name + ".gguf";
        spec.cacheSize = new Quantity(Long.toString(bytes));
        FakeNodes.onDedicated(spec, node);
        m.setSpec(spec);
        return m;
    }
}

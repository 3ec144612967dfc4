package dev.paddock.manager.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.manager.kafka.RequestTopics;
import dev.paddock.manager.kafka.ShareWorker;
import dev.paddock.manager.placement.FakeNodes;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Queue-depth scaling through the reconciler: records on the model's request topics (a real Kafka broker) not
 * yet acknowledged by the workers' share groups (real share consumers configured as the worker's slots) drive
 * the worker Deployment's replicas on the mock API server up (one per 4 queued, at most maxReplicas), keep them
 * while a request still runs, down to minReplicas (zero) once the queue has been empty for idleTimeout, and up
 * from zero when requests arrive again.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
class QueueScalingTest {

    private static final String MODEL = "scaled";

    @Inject
    KubernetesClient client;

    @Inject
    RequestTopics topics;

    @ConfigProperty(name = "paddock.manager.kafka.bootstrap-servers")
    String bootstrap;

    @Test
    void replicasFollowTheWorkersShareGroupBacklogBetweenZeroAndMax() throws Exception {
        client.resource(FakeNodes.dedicated("scale-1", "scale")).createOr(r -> r.update());
        client.resource(model()).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs()).hasSize(1));
        complete(pullJobs().getFirst());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(replicas()).isZero();
            assertThat(status().condition(ModelStatus.READY).getReason()).isEqualTo("ScaledToZero");
        });
        ShareWorker.configureGroups(bootstrap, MODEL);

        ShareWorker.send(bootstrap, MODEL, Priority.INTERACTIVE, 3);
        ShareWorker.send(bootstrap, MODEL, Priority.BATCH, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replicas()).isEqualTo(2));
        ShareWorker.send(bootstrap, MODEL, Priority.INTERACTIVE, 20);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(replicas()).isEqualTo(3);
            assertThat(status().desiredReplicas).isEqualTo(3);
        });

        try (var interactive = new ShareWorker(bootstrap, MODEL, Priority.INTERACTIVE);
                var batch = new ShareWorker(bootstrap, MODEL, Priority.BATCH)) {
            interactive.serve(23);
            // one batch request still running: the model keeps its workers
            batch.serve(1);
            ConsumerRecord<String, String> running = batch.take();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(topics.depth(MODEL)).isEqualTo(1));
            assertThat(replicas()).isEqualTo(3);

            batch.accept(running);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(replicas()).isZero();
                assertThat(status().condition(ModelStatus.READY).getReason()).isEqualTo("ScaledToZero");
            });
        }

        ShareWorker.send(bootstrap, MODEL, Priority.BATCH, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replicas()).isEqualTo(1));
    }

    private int replicas() {
        Deployment d = client.apps().deployments().inNamespace(ns()).withName(MODEL + "-worker").get();
        assertThat(d).isNotNull();
        return d.getSpec().getReplicas();
    }

    private ModelStatus status() {
        Model m = client.resources(Model.class).inNamespace(ns()).withName(MODEL).get();
        assertThat(m.getStatus()).isNotNull();
        return m.getStatus();
    }

    private List<Job> pullJobs() {
        return client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", MODEL)
                .withLabel("paddock.dev/component", "pull").list().getItems();
    }

    private void complete(Job job) {
        JobController.completed(client, job);
    }

    private String ns() {
        return client.getNamespace();
    }

    private Model model() {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName(MODEL).withNamespace(ns()).build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.source = "https://models.example.org/scaled.gguf";
        spec.minReplicas = 0;
        spec.maxReplicas = 3;
        spec.idleTimeout = "2s";
        FakeNodes.onDedicated(spec, "scale");
        m.setSpec(spec);
        return m;
    }
}

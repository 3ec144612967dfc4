package dev.paddock.manager.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.manager.kafka.RequestTopics;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Queue-depth scaling through the reconciler: records on the model's topic (a real Kafka broker) not
 * yet committed by the workers' group drive the worker Deployment's replicas on the mock API server
 * up (one per 4 queued, at most maxReplicas), down to minReplicas (zero) once the queue has been empty
 * for idleTimeout, and up from zero when requests arrive again.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
class QueueScalingTest {

    @Inject
    KubernetesClient client;

    @Inject
    RequestTopics topics;

    @ConfigProperty(name = "paddock.manager.kafka.bootstrap-servers")
    String bootstrap;

    @Test
    void replicasFollowQueueDepthBetweenZeroAndMax() throws Exception {
        client.resource(FakeNodes.dedicated("scale-1", "scale")).createOr(r -> r.update());
        client.resource(model()).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJobs()).hasSize(1));
        complete(pullJobs().getFirst());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(replicas()).isZero();
            assertThat(status().condition(ModelStatus.READY).getReason()).isEqualTo("ScaledToZero");
        });

        send(5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replicas()).isEqualTo(2));
        send(20);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(replicas()).isEqualTo(3);
            assertThat(status().desiredReplicas).isEqualTo(3);
        });

        commitEverything();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(replicas()).isZero();
            assertThat(status().condition(ModelStatus.READY).getReason()).isEqualTo("ScaledToZero");
        });

        send(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replicas()).isEqualTo(1));
    }

    private void send(int records) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topics.topic("scaled"), "request-" + i)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** What the workers do once they have answered every request: commit the group's offsets to the end. */
    private void commitEverything() throws Exception {
        String topic = topics.topic("scaled");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
            Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> offsets = ends.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(topics.group("scaled"), offsets).all().get(10, TimeUnit.SECONDS);
        }
    }

    private int replicas() {
        Deployment d = client.apps().deployments().inNamespace(ns()).withName("scaled-worker").get();
        assertThat(d).isNotNull();
        return d.getSpec().getReplicas();
    }

    private ModelStatus status() {
        Model m = client.resources(Model.class).inNamespace(ns()).withName("scaled").get();
        assertThat(m.getStatus()).isNotNull();
        return m.getStatus();
    }

    private List<Job> pullJobs() {
        return client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", "scaled")
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
        m.setMetadata(new ObjectMetaBuilder().withName("scaled").withNamespace(ns()).build());
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

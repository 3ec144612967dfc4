package dev.paddock.manager.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.manager.config.ManagerConfig;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue depth the operator scales from, against a real broker and real share consumers configured as the
 * worker's slots: every record of both request topics that the workers' share groups have not acknowledged.
 */
class ShareGroupDepthTest {

    private static final Duration SETTLE = Duration.ofSeconds(20);
    private static String bootstrap;
    private static RequestTopics topics;

    @BeforeAll
    static void start() {
        bootstrap = TestBroker.bootstrapServers();
        topics = new RequestTopics(new Settings(bootstrap));
    }

    @AfterAll
    static void stop() {
        topics.close();
    }

    @Test
    void depthCountsTheRecordsOfBothTopicsBeforeAnyWorkerJoined() throws Exception {
        String model = prepare("unserved", 2);
        ShareWorker.send(bootstrap, model, Priority.INTERACTIVE, 3);
        ShareWorker.send(bootstrap, model, Priority.BATCH, 2);

        assertThat(topics.depth(model)).isEqualTo(5);
    }

    @Test
    void depthFallsToZeroOnceTheWorkersAcceptedEveryRecordOfBothTopics() throws Exception {
        String model = prepare("served", 1);
        ShareWorker.send(bootstrap, model, Priority.INTERACTIVE, 4);
        ShareWorker.send(bootstrap, model, Priority.BATCH, 3);
        try (var slot1 = new ShareWorker(bootstrap, model, Priority.INTERACTIVE);
                var slot2 = new ShareWorker(bootstrap, model, Priority.INTERACTIVE);
                var batch = new ShareWorker(bootstrap, model, Priority.BATCH)) {
            ConsumerRecord<String, String> first = slot1.take();
            ConsumerRecord<String, String> second = slot2.take();
            // taken but still running: queued work as far as scaling goes
            await().atMost(SETTLE).untilAsserted(() -> assertThat(topics.depth(model)).isEqualTo(7));
            // finished out of order, as concurrent requests do
            slot2.accept(second);
            slot1.accept(first);
            await().atMost(SETTLE).untilAsserted(() -> assertThat(topics.depth(model)).isEqualTo(5));
            slot1.serve(2);
            batch.serve(3);

            await().atMost(SETTLE).untilAsserted(() -> assertThat(topics.depth(model)).isZero());
        }
    }

    @Test
    void recordsReleasedBackToTheQueueCountAgainUntilAWorkerAcceptsThem() throws Exception {
        String model = prepare("released", 1);
        ShareWorker.send(bootstrap, model, Priority.BATCH, 2);
        try (var slot1 = new ShareWorker(bootstrap, model, Priority.BATCH);
                var slot2 = new ShareWorker(bootstrap, model, Priority.BATCH)) {
            slot1.serve(1);
            await().atMost(SETTLE).untilAsserted(() -> assertThat(topics.depth(model)).isEqualTo(1));
            slot1.release(slot1.take());
            await().atMost(SETTLE).untilAsserted(() -> assertThat(topics.depth(model)).isEqualTo(1));
            ShareWorker.send(bootstrap, model, Priority.BATCH, 1);
            await().atMost(SETTLE).untilAsserted(() -> assertThat(topics.depth(model)).isEqualTo(2));

            slot2.serve(2);
            await().atMost(SETTLE).untilAsserted(() -> assertThat(topics.depth(model)).isZero());
        }
    }

    @Test
    void modelWithoutTopicsHasNothingQueued() throws Exception {
        assertThat(topics.depth("never-created")).isZero();
    }

    private static String prepare(String model, int partitions) throws Exception {
        for (String topic : topics.topics(model)) {
            topics.ensure(topic, partitions);
        }
        ShareWorker.configureGroups(bootstrap, model);
        return model;
    }

    /** The operator's Kafka settings with this broker. */
    private record Settings(String bootstrapServers) implements ManagerConfig.Kafka {
        @Override
        public int minPartitions() {
            return 1;
        }

        @Override
        public short replicationFactor() {
            return 1;
        }

        @Override
        public int targetQueuePerReplica() {
            return 4;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }
    }
}

package dev.paddock.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens to the records a worker had taken when it is SIGKILLed: another member of the group gets them
 * within the configured failure-detection time, and none is lost. Prints the observed redelivery delay.
 */
class RedeliveryIT {

    /** Classic group: the dead member's partitions move after its session timeout. */
    static final int CLASSIC_SESSION_TIMEOUT_MS = 2000;
    /** Share group: the dead member is fenced after its share session timeout... */
    static final int SHARE_SESSION_TIMEOUT_MS = 2000;
    /** ...and a record it had acquired is released at the latest when its acquisition lock expires. */
    static final int SHARE_RECORD_LOCK_MS = 10000;
    private static final List<String> RECORDS = IntStream.range(0, 6).mapToObj(i -> "r" + i).toList();

    @TempDir
    static Path dir;
    static KafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(dir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void classicGroupGivesAKilledWorkersRecordsToAnotherAfterTheSessionTimeoutAndLosesNone() throws Exception {
        KafkaBrokerIT.produce(broker, "classic-jobs", RECORDS);
        Properties props = KafkaBrokerIT.clientProperties(broker);
        props.put("group.id", "classic-workers");
        classicSettings(props);
        try (var survivor = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            Holder holder = Holder.start("classic", "classic-jobs", "classic-workers", 2);
            survivor.subscribe(List.of("classic-jobs"));
            Set<String> received = new HashSet<>();
            survivor.poll(Duration.ofMillis(100)).forEach(r -> received.add(r.value()));
            long killedAt = holder.kill();

            long redeliveredAt = awaitAll(received, holder.taken(), () ->
                    survivor.poll(Duration.ofMillis(100)).forEach(r -> received.add(r.value())));

            report("classic", killedAt, redeliveredAt, "session.timeout.ms=" + CLASSIC_SESSION_TIMEOUT_MS);
            assertThat(redeliveredAt - killedAt).isLessThan(CLASSIC_SESSION_TIMEOUT_MS + 8000L);
        }
    }

    @Test
    void shareGroupGivesAKilledWorkersRecordsToAnotherAndLosesNone() throws Exception {
        KafkaBrokerIT.produce(broker, "share-jobs", RECORDS);
        shareGroupConfig("share-workers");
        Properties props = KafkaBrokerIT.clientProperties(broker);
        props.put("group.id", "share-workers");
        props.put("share.acknowledgement.mode", "explicit");
        Holder holder = Holder.start("share", "share-jobs", "share-workers", 2);
        try (var survivor = new KafkaShareConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            survivor.subscribe(List.of("share-jobs"));
            Set<String> received = new HashSet<>();
            Runnable take = () -> survivor.poll(Duration.ofMillis(100)).forEach(r -> {
                received.add(r.value());
                survivor.acknowledge(r, AcknowledgeType.ACCEPT);
            });
            take.run();
            long killedAt = holder.kill();

            long redeliveredAt = awaitAll(received, holder.taken(), take);

            report("share", killedAt, redeliveredAt, "share.session.timeout.ms=" + SHARE_SESSION_TIMEOUT_MS
                    + ", share.record.lock.duration.ms=" + SHARE_RECORD_LOCK_MS);
            assertThat(redeliveredAt - killedAt).isLessThan(SHARE_RECORD_LOCK_MS + 5000L);
        }
    }

    /** Polls until every record arrived, including the ones the killed worker had; returns when (ms). */
    private static long awaitAll(Set<String> received, List<String> taken, Runnable poll) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).untilAsserted(() -> {
            poll.run();
            assertThat(received).containsExactlyInAnyOrderElementsOf(RECORDS);
        });
        assertThat(taken).hasSize(2).allMatch(RECORDS::contains);
        return System.currentTimeMillis();
    }

    static void classicSettings(Properties props) {
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("session.timeout.ms", Integer.toString(CLASSIC_SESSION_TIMEOUT_MS));
        props.put("heartbeat.interval.ms", "500");
    }

    private static void shareGroupConfig(String group) throws Exception {
        try (Admin admin = Admin.create(KafkaBrokerIT.clientProperties(broker))) {
            List<AlterConfigOp> ops = new ArrayList<>();
            Map.of("share.auto.offset.reset", "earliest",
                    "share.session.timeout.ms", Integer.toString(SHARE_SESSION_TIMEOUT_MS),
                    "share.heartbeat.interval.ms", "500",
                    "share.record.lock.duration.ms", Integer.toString(SHARE_RECORD_LOCK_MS))
                    .forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), ops)).all()
                    .get();
        }
    }

    private static void report(String mode, long killedAt, long redeliveredAt, String settings) {
        System.out.printf("[redelivery] %s: every record delivered %d ms after SIGKILL of the worker (%s)%n", mode,
                redeliveredAt - killedAt, settings);
    }

    /** The worker process that takes records and is killed. */
    record Holder(Process process, List<String> taken) {

        static Holder start(String mode, String topic, String group, int count) throws Exception {
            Path log = dir.resolve(mode + "-holder.log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), HoldingConsumerMain.class.getName(), mode,
                    broker.bootstrapServers(), topic, group, Integer.toString(count)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            List<String> taken = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                taken.clear();
                Files.readAllLines(log).stream().filter(l -> l.startsWith("took ")).map(l -> l.substring(5))
                        .forEach(taken::add);
                assertThat(taken).as("records taken by the worker (log %s)", log).hasSize(count);
            });
            return new Holder(p, taken);
        }

        long kill() throws InterruptedException {
            process.toHandle().destroyForcibly();
            process.waitFor();
            return System.currentTimeMillis();
        }
    }
}

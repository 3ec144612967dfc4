package dev.paddock.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Share groups (KIP-932) work between the broker and the client version the Quarkus BOM manages. */
class ShareGroupIT {

    @TempDir
    Path dir;

    @Test
    void shareConsumerOfTheManagedClientVersionReceivesAndAcknowledgesEveryRecord() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            List<String> sent = IntStream.range(0, 20).mapToObj(i -> "r" + i).toList();
            KafkaBrokerIT.produce(broker, "queue", sent);
            startShareGroupAtEarliest(broker, "workers");

            List<String> received = new ArrayList<>();
            try (var consumer = shareConsumer(broker, "workers")) {
                consumer.subscribe(List.of("queue"));
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        received.add(record.value());
                        consumer.acknowledge(record, AcknowledgeType.ACCEPT);
                    }
                    consumer.commitSync();
                    assertThat(received).containsExactlyInAnyOrderElementsOf(sent);
                });
            }
        }
    }

    static void startShareGroupAtEarliest(KafkaBroker broker, String group) throws Exception {
        try (Admin admin = Admin.create(KafkaBrokerIT.clientProperties(broker))) {
            var resource = new ConfigResource(ConfigResource.Type.GROUP, group);
            var op = new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(op))).all().get();
        }
    }

    static KafkaShareConsumer<String, String> shareConsumer(KafkaBroker broker, String group) {
        Properties props = KafkaBrokerIT.clientProperties(broker);
        props.put("group.id", group);
        props.put("share.acknowledgement.mode", "explicit");
        return new KafkaShareConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}

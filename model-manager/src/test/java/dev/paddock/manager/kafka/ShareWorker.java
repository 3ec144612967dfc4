package dev.paddock.manager.kafka;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.wire.Topics;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One engine slot of a worker as the worker role runs it: a member of the model's share group of a class
 * ({@link Topics#workerGroup}), explicit acknowledgement, one record per poll, each acknowledgement committed at
 * once. The test decides when a taken record is accepted or released.
 */
public final class ShareWorker implements AutoCloseable {

    private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaShareConsumer<String, String> consumer;

    public ShareWorker(String bootstrap, String model, Priority priority) {
        consumer = new KafkaShareConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, Topics.workerGroup(model, priority),
                "share.acknowledgement.mode", "explicit", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                // each fetch acquires just the record poll returns: a member never holds records it was not given,
                // which would keep them from the other member until their lock expires (the broker counts such
                // records in the backlog either way: acquired, not acknowledged)
                ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.requests(model, priority)));
    }

    /** Sets what the worker sets on its groups before it joins them: start at the earliest record. */
    public static void configureGroups(String bootstrap, String model) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (Priority p : Priority.values()) {
                admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP,
                        Topics.workerGroup(model, p)), List.of(new AlterConfigOp(
                                new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET))))
                        .all().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends records to a model's request topic of a class, one producer batch each (as the gateway does). */
    public static void send(String bootstrap, String model, Priority priority, int records) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(Topics.requests(model, priority), "request-" + i))
                        .get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Polls until the group hands this member a record (extra ones of the poll are released, as a slot does). */
    public ConsumerRecord<String, String> take() {
        long deadline = System.nanoTime() + TAKE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Iterator<ConsumerRecord<String, String>> records = consumer.poll(Duration.ofMillis(200)).iterator();
            if (records.hasNext()) {
                ConsumerRecord<String, String> record = records.next();
                records.forEachRemaining(extra -> consumer.acknowledge(extra, AcknowledgeType.RELEASE));
                return record;
            }
        }
        throw new AssertionError("no record delivered within " + TAKE_TIMEOUT);
    }

    /** What a slot does when the request finished. */
    public void accept(ConsumerRecord<String, String> record) {
        acknowledge(record, AcknowledgeType.ACCEPT);
    }

    /** What a slot does with a record it cannot run now: back to the queue. */
    public void release(ConsumerRecord<String, String> record) {
        acknowledge(record, AcknowledgeType.RELEASE);
    }

    /** Takes and accepts records one after another. */
    public void serve(int records) {
        for (int i = 0; i < records; i++) {
            accept(take());
        }
    }

    private void acknowledge(ConsumerRecord<String, String> record, AcknowledgeType type) {
        consumer.acknowledge(record, type);
        consumer.commitAsync();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

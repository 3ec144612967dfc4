package dev.paddock.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A worker on a share group: one {@link KafkaShareConsumer} per slot ({@code max.poll.records=1}, explicit
 * acknowledgement), each polling only while its slot is free and acknowledging ACCEPT when its record is done.
 * One consumer per slot because, in explicit mode, a consumer may not poll again before every record of its
 * last poll is acknowledged, so a single consumer could hold only one record in progress at a time.
 */
final class ShareWorker implements Worker {

    private final int index;
    private final int slots;
    private final Properties props;
    private final String topic;
    private final Timeline timeline;
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaShareConsumer<String, String>> consumers = new ArrayList<>();
    private volatile boolean running = true;

    ShareWorker(int index, int slots, Properties props, String topic, Timeline timeline) {
        this.index = index;
        this.slots = slots;
        this.props = props;
        this.topic = topic;
        this.timeline = timeline;
    }

    /** The consumer settings this mode uses. */
    static Properties settings(String bootstrap, String group) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", group);
        p.put("share.acknowledgement.mode", "explicit");
        p.put("max.poll.records", "1");
        return p;
    }

    @Override
    public void start() {
        for (int s = 0; s < slots; s++) {
            var consumer = new KafkaShareConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(topic));
            consumers.add(consumer);
            threads.add(Thread.ofPlatform().name("share-worker-" + index + "-" + s).start(() -> loop(consumer)));
        }
    }

    private void loop(KafkaShareConsumer<String, String> consumer) {
        try {
            while (running) {
                try {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> process(consumer, r));
                } catch (WakeupException e) {
                    // closing
                }
            }
        } finally {
            consumer.close();
        }
    }

    private void process(KafkaShareConsumer<String, String> consumer, ConsumerRecord<String, String> record) {
        int[] idAndMs = Worker.parse(record.value());
        timeline.started(idAndMs[0], index);
        try {
            Thread.sleep(idAndMs[1]); // the simulated engine time of this record
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timeline.finished(idAndMs[0], index);
        consumer.acknowledge(record, AcknowledgeType.ACCEPT);
        consumer.commitAsync();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumers.forEach(KafkaShareConsumer::wakeup);
        for (Thread t : threads) {
            t.join();
        }
    }
}

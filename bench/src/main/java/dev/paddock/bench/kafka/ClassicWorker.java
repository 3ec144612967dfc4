package dev.paddock.bench.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A worker on a classic consumer group, as the worker's transport does it: one consumer, {@code
 * max.poll.records=1}, every assigned partition paused while all slots are busy and resumed when one frees
 * (the finishing slot wakes the poll up), offsets committed only up to the lowest record still in progress.
 */
final class ClassicWorker implements Worker {

    private final int index;
    private final int slots;
    private final Properties props;
    private final String topic;
    private final Timeline timeline;
    private final ScheduledExecutorService timer;
    private final ConcurrentLinkedQueue<ConsumerRecord<String, String>> finished = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, TreeSet<Long>> inProgress = new HashMap<>();
    private final Map<TopicPartition, Long> nextOffset = new HashMap<>();
    private volatile boolean running = true;
    private KafkaConsumer<String, String> consumer;
    private Thread thread;
    private int busy;

    ClassicWorker(int index, int slots, Properties props, String topic, Timeline timeline,
            ScheduledExecutorService timer) {
        this.index = index;
        this.slots = slots;
        this.props = props;
        this.topic = topic;
        this.timeline = timeline;
        this.timer = timer;
    }

    /** The consumer settings this mode uses. */
    static Properties settings(String bootstrap, String group) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("group.id", group);
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", "1");
        p.put("session.timeout.ms", "6000");
        p.put("heartbeat.interval.ms", "1500");
        return p;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        thread = Thread.ofPlatform().name("classic-worker-" + index).start(this::loop);
    }

    private void loop() {
        try {
            while (running) {
                completeFinished();
                if (busy < slots) {
                    consumer.resume(consumer.assignment());
                } else {
                    consumer.pause(consumer.assignment());
                }
                try {
                    consumer.poll(Duration.ofMillis(500)).forEach(this::take);
                } catch (WakeupException e) {
                    // a slot freed up or we are closing
                }
            }
        } finally {
            consumer.close();
        }
    }

    private void take(ConsumerRecord<String, String> record) {
        int[] idAndMs = Worker.parse(record.value());
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        inProgress.computeIfAbsent(tp, k -> new TreeSet<>()).add(record.offset());
        nextOffset.merge(tp, record.offset() + 1, Math::max);
        busy++;
        timeline.started(idAndMs[0], index);
        timer.schedule(() -> {
            timeline.finished(idAndMs[0], index);
            finished.add(record);
            consumer.wakeup();
        }, idAndMs[1], TimeUnit.MILLISECONDS);
    }

    private void completeFinished() {
        boolean any = false;
        for (ConsumerRecord<String, String> r; (r = finished.poll()) != null; any = true) {
            inProgress.get(new TopicPartition(r.topic(), r.partition())).remove(r.offset());
            busy--;
        }
        if (any) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            nextOffset.forEach((tp, next) -> {
                TreeSet<Long> open = inProgress.get(tp);
                commit.put(tp, new OffsetAndMetadata(open.isEmpty() ? next : open.first()));
            });
            consumer.commitAsync(commit, null);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join();
    }
}

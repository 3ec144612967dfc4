package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.proto.WorkItem;
import dev.paddock.api.inference.v1.wire.RequestCodec;
import dev.paddock.api.inference.v1.wire.Topics;
import dev.paddock.api.inference.v1.wire.WireFormatException;
import dev.paddock.worker.tracing.RecordSpan;
import dev.paddock.worker.tracing.RecordTracing;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Takes one model's requests from Kafka (classic consumer group {@code paddock.workers.<model>}), only
 * while the engine has a free slot: with every slot busy the partitions are paused, so the records
 * wait in Kafka where another worker can take them. Interactive records are polled first; batch ones
 * only when no interactive record is waiting. A record is committed only after its request finished;
 * an unreadable one goes to the dead-letter topic; an expired one is dropped before any compute.
 */
final class ModelConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelConsumer.class);

    private final String model;
    private final int slots;
    private final InferenceService engine;
    private final GatewayLinks links;
    private final WorkerProducer deadLetters;
    private final TransportStats stats;
    private final RecordTracing tracing;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String interactive;
    private final String batch;
    private final AtomicInteger running = new AtomicInteger();
    private final Set<String> runningIds = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, OffsetTracker> offsets = new HashMap<>();
    private final ConcurrentLinkedQueue<ConsumerRecord<?, ?>> finished = new ConcurrentLinkedQueue<>();
    private final ExecutorService starter;
    private final Thread loop;
    private volatile boolean closing;

    ModelConsumer(String model, int slots, InferenceService engine, GatewayLinks links, WorkerProducer deadLetters,
            TransportStats stats, TransportSettings settings, RecordTracing tracing) {
        this.model = model;
        this.tracing = tracing;
        this.slots = slots;
        this.engine = engine;
        this.links = links;
        this.deadLetters = deadLetters;
        this.stats = stats;
        this.interactive = Topics.requests(model, Priority.INTERACTIVE);
        this.batch = Topics.requests(model, Priority.BATCH);
        this.consumer = new KafkaConsumer<>(consumerConfig(model, settings), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.starter = Executors.newFixedThreadPool(Math.max(1, slots),
                Thread.ofPlatform().daemon().name("paddock-start-" + model + "-", 0).factory());
        this.loop = Thread.ofPlatform().name("paddock-consumer-" + model).unstarted(this::run);
    }

    void start() {
        consumer.subscribe(List.of(interactive, batch), new Rebalance());
        loop.start();
    }

    /** Requests running now. */
    int running() {
        return running.get();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        consumer.wakeup();
        loop.join(10_000);
        starter.shutdownNow();
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    commitFinished();
                    pollOnce();
                } catch (WakeupException e) {
                    // a request finished (its offset may now be committed) or the worker is closing
                } catch (KafkaException | IllegalStateException e) {
                    // the broker went away or the group moved partitions: the client reconnects; keep polling
                    LOG.warnf("consumer of model %s: %s", model, e.getMessage());
                    pauseBriefly();
                }
            }
        } finally {
            commitFinished();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void pollOnce() {
        if (running.get() >= slots) {
            consumer.pause(consumer.assignment());
            consumer.poll(Duration.ofMillis(50));
            return;
        }
        Collection<TopicPartition> assigned = consumer.assignment();
        consumer.pause(byTopic(assigned, batch));
        consumer.resume(byTopic(assigned, interactive));
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(20));
        if (records.isEmpty()) {
            // the poll may have moved partitions: resume only what is assigned now
            consumer.resume(byTopic(consumer.assignment(), batch));
            records = consumer.poll(Duration.ofMillis(80));
        }
        records.forEach(this::take);
    }

    private void take(ConsumerRecord<String, byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        offsets.computeIfAbsent(tp, t -> new OffsetTracker()).taken(r.offset());
        WorkItem item;
        String replyTo = header(r, Topics.REPLY_TO);
        try {
            item = RequestCodec.parse(r.value());
            if (replyTo == null) {
                throw new WireFormatException("the record has no " + Topics.REPLY_TO + " header");
            }
        } catch (WireFormatException e) {
            stats.deadLettered();
            deadLetters.deadLetter(r, e.getMessage());
            finished.add(r);
            return;
        }
        if (!runningIds.add(item.getCorrelationId())) {
            // its partition came back to this worker while it still runs it: never run a request twice
            finished.add(r);
            return;
        }
        if (expired(r)) {
            runningIds.remove(item.getCorrelationId());
            stats.expiredOne();
            finished.add(r);
            return;
        }
        stats.tookOne();
        running.incrementAndGet();
        starter.execute(() -> execute(r, item, replyTo));
    }

    private void execute(ConsumerRecord<String, byte[]> r, WorkItem item, String replyTo) {
        RecordSpan span = tracing.taken(r, "paddock.workers." + model, header(r, Topics.REQUEST_ID),
                header(r, Topics.PRIORITY));
        try (Scope scope = span.makeCurrent()) {
            execute(r, item, replyTo, span);
        }
    }

    private void execute(ConsumerRecord<String, byte[]> r, WorkItem item, String replyTo, RecordSpan span) {
        Runnable done = () -> {
            span.end();
            runningIds.remove(item.getCorrelationId());
            running.decrementAndGet();
            finished.add(r);
            consumer.wakeup();
        };
        GatewayLink link;
        try {
            link = links.to(replyTo);
        } catch (RuntimeException e) {
            LOG.warnf("cannot reach gateway %s for request %s: %s", replyTo, item.getCorrelationId(), e.getMessage());
            done.run();
            return;
        }
        new Execution(item, link, stats, done).run(span.engine(engine));
    }

    private void commitFinished() {
        boolean any = false;
        for (ConsumerRecord<?, ?> r = finished.poll(); r != null; r = finished.poll()) {
            OffsetTracker t = offsets.get(new TopicPartition(r.topic(), r.partition()));
            if (t != null) {
                t.finished(r.offset());
                any = true;
            }
        }
        if (!any) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, t) -> {
            if (t.committable() >= 0) {
                commit.put(tp, new OffsetAndMetadata(t.committable()));
            }
        });
        consumer.commitAsync(commit, (o, e) -> {
            if (e != null) {
                LOG.debugf("commit failed (partitions moved?): %s", e.getMessage());
            }
        });
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean expired(ConsumerRecord<String, byte[]> r) {
        String deadline = header(r, Topics.DEADLINE);
        try {
            return deadline != null && System.currentTimeMillis() > Long.parseLong(deadline);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static List<TopicPartition> byTopic(Collection<TopicPartition> partitions, String topic) {
        return partitions.stream().filter(tp -> tp.topic().equals(topic)).toList();
    }

    private static Map<String, Object> consumerConfig(String model, TransportSettings s) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "paddock.workers." + model);
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, s.workerId() + "-" + model);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // only the partitions that move are revoked on a rebalance: the others keep flowing
        c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        c.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) s.sessionTimeout().toMillis());
        c.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, s.sessionTimeout().toMillis() / 4));
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000);
        c.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return c;
    }

    /** Commits what finished before partitions move to another worker. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitFinished();
            partitions.forEach(offsets::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitions.forEach(offsets::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // the group's committed offsets tell where to start
        }
    }
}

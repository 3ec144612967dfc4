package dev.paddock.bench.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;

/** One measured configuration: a fresh topic and group, N workers, the workload published, all of it drained. */
final class Run {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(180);

    private final String bootstrap;
    private final Workload workload;

    Run(String bootstrap, Workload workload) {
        this.bootstrap = bootstrap;
        this.workload = workload;
    }

    Figures measure(Mode mode, int workers, int slots, int partitions, long seed) throws Exception {
        String name = "bench-" + mode.name().toLowerCase() + "-n" + workers + "-p" + partitions + "-" + seed;
        Timeline timeline = new Timeline();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
                ScheduledExecutorService timer = Executors.newScheduledThreadPool(2)) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            if (mode == Mode.SHARE) {
                startAtEarliest(admin, name);
            }
            List<Worker> pool = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                pool.add(mode.worker(w, slots, bootstrap, name, name, timeline, timer));
            }
            pool.forEach(Worker::start);
            awaitReady(admin, mode, name, workers * mode.membersPerWorker(slots), partitions);
            publish(name, partitions, timeline, seed, workers * slots);
            awaitDrained(timeline);
            for (Worker w : pool) {
                w.close();
            }
        }
        return Figures.of(timeline, workers, slots);
    }

    private void publish(String topic, int partitions, Timeline timeline, long seed, int totalSlots)
            throws Exception {
        int[] ms = workload.processingMs(seed);
        long[] gaps = workload.gapsNanos(seed, totalSlots);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "0");
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            long next = System.nanoTime();
            for (int i = 0; i < ms.length; i++) {
                next += gaps[i];
                LockSupport.parkNanos(next - System.nanoTime());
                timeline.published(i);
                // round-robin over partitions, as the gateway does (the sticky default would clump a burst)
                producer.send(new ProducerRecord<>(topic, i % partitions, "r" + i, i + ":" + ms[i]));
            }
            producer.flush();
        }
    }

    private void awaitReady(Admin admin, Mode mode, String group, int members, int partitions) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!readyOrNot(admin, mode, group, members, partitions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(group + ": group not stable with " + members + " members after "
                        + READY_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static boolean readyOrNot(Admin admin, Mode mode, String group, int members, int partitions)
            throws InterruptedException {
        try {
            return mode.ready(admin, group, members, partitions);
        } catch (ExecutionException e) {
            return false; // the group does not exist yet
        }
    }

    private void awaitDrained(Timeline timeline) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (timeline.count(Timeline.Kind.FINISHED) < workload.records()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + timeline.count(Timeline.Kind.FINISHED) + " of "
                        + workload.records() + " records finished after " + DRAIN_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private static void startAtEarliest(Admin admin, String group) throws Exception {
        var op = new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(op)))
                .all().get();
    }
}

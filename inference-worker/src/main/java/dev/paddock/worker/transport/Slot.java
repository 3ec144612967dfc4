package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.Priority;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One engine slot of a model, with its own thread and its own share consumers (one member each of the
 * model's share groups): an interactive one and, unless this slot is the worker's interactive reserve, a
 * batch one. A free slot polls interactive first and batch only when that poll came back empty. While it
 * runs a batch request the slot keeps polling interactive and runs an interactive record it gets at once
 * (the engine queues it for the next free sequence): an interactive record never waits behind batch work
 * that was still queued when it arrived. A record is acknowledged {@code ACCEPT} after its request finished,
 * {@code REJECT} when it is poison.
 */
final class Slot implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Slot.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(250);
    private static final Duration BUSY_POLL = Duration.ofMillis(100);

    private final KafkaShareConsumer<String, byte[]> interactive;
    private final KafkaShareConsumer<String, byte[]> batch;
    private final RecordIntake intake;
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final Thread thread;
    private ConsumerRecord<String, byte[]> interactiveHeld;
    private ConsumerRecord<String, byte[]> batchHeld;
    private volatile boolean closing;

    /** A record whose request finished, to acknowledge on the consumer that delivered it. */
    private record Finished(KafkaShareConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
    }

    Slot(String name, ShareConsumers consumers, boolean takesBatch, RecordIntake intake) {
        this.interactive = consumers.create(Priority.INTERACTIVE, name);
        this.batch = takesBatch ? consumers.create(Priority.BATCH, name) : null;
        this.intake = intake;
        this.thread = Thread.ofPlatform().name("paddock-slot-" + name).unstarted(this::run);
        interactive.subscribe(consumers.topics(Priority.INTERACTIVE));
        if (batch != null) {
            batch.subscribe(consumers.topics(Priority.BATCH));
        }
    }

    void start() {
        thread.start();
    }

    /** Asks the slot to stop: it acknowledges what finished and leaves its groups. */
    void stop() {
        closing = true;
        interactive.wakeup();
        if (batch != null) {
            batch.wakeup();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        thread.join(10_000);
    }

    private void run() {
        try {
            while (!closing) {
                try {
                    acknowledgeFinished();
                    step();
                } catch (WakeupException e) {
                    // a request finished (its record may now be acknowledged) or the worker is closing
                } catch (KafkaException | IllegalStateException e) {
                    // the broker went away or the group is moving: the client reconnects by itself
                    LOG.warnf("slot %s: %s", thread.getName(), e.getMessage());
                    waitForFinished(Duration.ofMillis(200));
                }
            }
        } finally {
            acknowledgeFinished();
            closeQuietly(interactive);
            closeQuietly(batch);
        }
    }

    private void step() {
        if (interactiveHeld != null) {
            waitForFinished(IDLE_POLL);
            return;
        }
        boolean free = batchHeld == null;
        if (take(interactive, Priority.INTERACTIVE, free ? IDLE_POLL : BUSY_POLL)) {
            return;
        }
        if (batch != null && free) {
            // without waiting: a share consumer that was polled keeps fetching in the background and holds what
            // the broker gives it until it is polled again, so time spent here is time an interactive record
            // acquired meanwhile by the other consumer waits (it was 100 ms: up to 100 ms added to TTFT)
            take(batch, Priority.BATCH, Duration.ZERO);
        }
    }

    /** Polls one consumer; returns whether it delivered a record. */
    private boolean take(KafkaShareConsumer<String, byte[]> consumer, Priority priority, Duration timeout) {
        Iterator<ConsumerRecord<String, byte[]>> records = consumer.poll(timeout).iterator();
        if (!records.hasNext()) {
            return false;
        }
        ConsumerRecord<String, byte[]> record = records.next();
        // a poll returns a whole producer batch: give back what this slot cannot run now
        records.forEachRemaining(extra -> consumer.acknowledge(extra, AcknowledgeType.RELEASE));
        try {
            admit(record, priority, consumer);
        } catch (RuntimeException e) {
            // e.g. the dead-letter write failed: the record goes back to the queue instead of blocking this slot
            LOG.warnf(e, "slot %s could not take a record; it goes back to the queue", thread.getName());
            acknowledge(consumer, record, AcknowledgeType.RELEASE);
        }
        return true;
    }

    private void admit(ConsumerRecord<String, byte[]> record, Priority priority,
            KafkaShareConsumer<String, byte[]> consumer) {
        switch (intake.take(record, priority, () -> done(consumer, record))) {
            case RUNNING -> hold(consumer, record);
            case DROPPED -> acknowledge(consumer, record, AcknowledgeType.ACCEPT);
            case POISON -> acknowledge(consumer, record, AcknowledgeType.REJECT);
        }
    }

    private void hold(KafkaShareConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
        if (consumer == interactive) {
            interactiveHeld = record;
        } else {
            batchHeld = record;
        }
    }

    /** Runs on whatever thread finished the request. */
    private void done(KafkaShareConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> record) {
        finished.add(new Finished(consumer, record));
        interactive.wakeup();
    }

    private void acknowledgeFinished() {
        for (Finished f = finished.poll(); f != null; f = finished.poll()) {
            boolean wasInteractive = f.record() == interactiveHeld;
            if (wasInteractive) {
                interactiveHeld = null;
            } else if (f.record() == batchHeld) {
                batchHeld = null;
            }
            if (wasInteractive && !closing) {
                // the next step polls this consumer at once: the acknowledgement rides on that fetch instead of
                // a request of its own that the fetch would wait for (one round trip to the broker less between
                // a request's end and the slot's next record)
                f.consumer().acknowledge(f.record(), AcknowledgeType.ACCEPT);
            } else {
                acknowledge(f.consumer(), f.record(), AcknowledgeType.ACCEPT);
            }
        }
    }

    /** Acknowledges at once: a consumer that is not polled soon would otherwise keep the record locked. */
    private static void acknowledge(KafkaShareConsumer<String, byte[]> consumer, ConsumerRecord<String, byte[]> r,
            AcknowledgeType type) {
        consumer.acknowledge(r, type);
        consumer.commitAsync();
    }

    private void waitForFinished(Duration timeout) {
        try {
            Finished f = finished.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (f != null) {
                finished.add(f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    private static void closeQuietly(KafkaShareConsumer<String, byte[]> consumer) {
        if (consumer == null) {
            return;
        }
        try {
            consumer.close(Duration.ofSeconds(2));
        } catch (KafkaException e) {
            LOG.debugf("closing a share consumer: %s", e.getMessage());
        }
    }
}

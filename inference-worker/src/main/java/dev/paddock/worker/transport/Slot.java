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
 * One engine slot of a model, with its own share consumers (one member each of the model's share groups): an
 * interactive one and, unless this slot is the worker's interactive reserve, a batch one. Each consumer has a
 * thread of its own, because a 4.1 share consumer that was polled and got nothing keeps fetching in the
 * background until the broker gives it a record, which it then holds until it is polled again: a consumer
 * left unpolled after an empty poll (as when one thread took turns between the two) holds whatever the broker
 * hands it. So no consumer is left unpolled while it may still be fetching:
 * <ul>
 * <li>the interactive thread polls whenever the slot holds no interactive request, also while the slot runs a
 * batch request (an interactive record it gets then runs at once; the engine gives it the next free sequence
 * before any batch request): an interactive record never waits behind batch work that was queued before it;</li>
 * <li>the batch thread polls while the slot holds no request, and also while the slot runs an interactive one
 * if its previous poll came back empty (its consumer is still fetching, and a record it acquires is run rather
 * than held locked); once it got a record it stops until the slot is free again.</li>
 * </ul>
 * A record is acknowledged {@code ACCEPT} after its request finished, {@code REJECT} when it is poison.
 */
final class Slot implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Slot.class);
    /**
     * How long one poll, or one wait for the slot's request to end, lasts before the thread loops. A record
     * that arrives ends a poll at once, a finished request ends a wait, and stopping wakes both, so this only
     * sets how often an idle slot's threads wake: 1 s rather than 250 ms cut an idle worker's wake-ups (both
     * default models, 30 consumers) from 291 to 173 a second.
     */
    private static final Duration POLL = Duration.ofMillis(1000);

    private final RecordIntake intake;
    private final Puller interactive;
    private final Puller batch;
    /** Notified when the slot's interactive request ended (the batch thread may poll again) or on stop. */
    private final Object freed = new Object();
    private volatile boolean closing;

    Slot(String name, ShareConsumers consumers, boolean takesBatch, RecordIntake intake) {
        this.intake = intake;
        this.interactive = new Puller(name, Priority.INTERACTIVE, consumers);
        this.batch = takesBatch ? new Puller(name, Priority.BATCH, consumers) : null;
    }

    void start() {
        interactive.thread.start();
        if (batch != null) {
            batch.thread.start();
        }
    }

    /** Asks the slot to stop: it acknowledges what finished and leaves its groups. */
    void stop() {
        closing = true;
        interactive.consumer.wakeup();
        if (batch != null) {
            batch.consumer.wakeup();
        }
        synchronized (freed) {
            freed.notifyAll();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        interactive.thread.join(10_000);
        if (batch != null) {
            batch.thread.join(10_000);
        }
    }

    /** One consumer and the thread that alone uses it (a share consumer is not thread-safe). */
    private final class Puller {

        private final Priority priority;
        private final KafkaShareConsumer<String, byte[]> consumer;
        private final Thread thread;
        /** Records whose request finished, to acknowledge on this thread. */
        private final BlockingQueue<ConsumerRecord<String, byte[]>> finished = new LinkedBlockingQueue<>();
        /** The record whose request runs, if any; read by the other thread of the slot. */
        private volatile ConsumerRecord<String, byte[]> held;
        /** The last poll came back empty: the client keeps fetching for this consumer until it gets a record. */
        private boolean fetching;

        Puller(String name, Priority priority, ShareConsumers consumers) {
            this.priority = priority;
            this.consumer = consumers.create(priority, name);
            this.consumer.subscribe(consumers.topics(priority));
            this.thread = Thread.ofPlatform().name("paddock-slot-" + name + "-" + priority.wireName())
                    .unstarted(this::run);
        }

        private void run() {
            try {
                while (!closing) {
                    try {
                        acknowledgeFinished();
                        step();
                    } catch (WakeupException e) {
                        // the worker is closing
                    } catch (KafkaException | IllegalStateException e) {
                        // the broker went away or the group is moving: the client reconnects by itself
                        LOG.warnf("slot %s: %s", thread.getName(), e.getMessage());
                        waitForFinished(Duration.ofMillis(200));
                    }
                }
            } finally {
                acknowledgeFinished();
                closeQuietly(consumer);
            }
        }

        private void step() {
            if (held != null) {
                waitForFinished(POLL);
            } else if (priority == Priority.BATCH && !fetching && interactive.held != null) {
                // the slot runs an interactive request and this consumer is not fetching: take no batch work
                waitUntilFree();
            } else {
                take();
            }
        }

        private void take() {
            Iterator<ConsumerRecord<String, byte[]>> records = consumer.poll(POLL).iterator();
            fetching = !records.hasNext();
            if (fetching) {
                return;
            }
            ConsumerRecord<String, byte[]> record = records.next();
            // a poll returns a whole producer batch: give back what this slot cannot run now
            records.forEachRemaining(extra -> consumer.acknowledge(extra, AcknowledgeType.RELEASE));
            try {
                switch (intake.take(record, priority, () -> finished.add(record))) {
                    case RUNNING -> held = record;
                    case DROPPED -> acknowledge(record, AcknowledgeType.ACCEPT);
                    case POISON -> acknowledge(record, AcknowledgeType.REJECT);
                }
            } catch (RuntimeException e) {
                // e.g. the dead-letter write failed: the record goes back to the queue instead of blocking this slot
                LOG.warnf(e, "slot %s could not take a record; it goes back to the queue", thread.getName());
                acknowledge(record, AcknowledgeType.RELEASE);
            }
        }

        private void acknowledgeFinished() {
            for (ConsumerRecord<String, byte[]> r = finished.poll(); r != null; r = finished.poll()) {
                if (r == held) {
                    held = null;
                }
                if (priority == Priority.INTERACTIVE && !closing) {
                    // this thread polls again at once: the acknowledgement rides on that fetch instead of a
                    // request of its own that the fetch would wait for (one round trip to the broker less between
                    // a request's end and the slot's next record)
                    consumer.acknowledge(r, AcknowledgeType.ACCEPT);
                } else {
                    acknowledge(r, AcknowledgeType.ACCEPT);
                }
                if (priority == Priority.INTERACTIVE) {
                    synchronized (freed) {
                        freed.notifyAll();
                    }
                }
            }
        }

        /** Acknowledges at once: a consumer that is not polled soon would otherwise keep the record locked. */
        private void acknowledge(ConsumerRecord<String, byte[]> r, AcknowledgeType type) {
            consumer.acknowledge(r, type);
            consumer.commitAsync();
        }

        private void waitForFinished(Duration timeout) {
            try {
                ConsumerRecord<String, byte[]> r = finished.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (r != null) {
                    finished.add(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing = true;
            }
        }

        private void waitUntilFree() {
            synchronized (freed) {
                try {
                    if (!closing && interactive.held != null) {
                        freed.wait(POLL.toMillis());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closing = true;
                }
            }
        }
    }

    private static void closeQuietly(KafkaShareConsumer<String, byte[]> consumer) {
        try {
            consumer.close(Duration.ofSeconds(2));
        } catch (KafkaException e) {
            LOG.debugf("closing a share consumer: %s", e.getMessage());
        }
    }
}

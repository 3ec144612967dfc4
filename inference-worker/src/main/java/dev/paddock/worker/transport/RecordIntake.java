package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.proto.WorkItem;
import dev.paddock.api.inference.v1.wire.RequestCodec;
import dev.paddock.api.inference.v1.wire.Topics;
import dev.paddock.api.inference.v1.wire.WireFormatException;
import dev.paddock.worker.tracing.RecordSpan;
import dev.paddock.worker.tracing.RecordTracing;
import dev.paddock.worker.transport.TransportStats.Count;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * Decides what becomes of one record a slot took, and starts its request on the engine when it is to run.
 * Shared by every slot of a model: a request already running on this worker (its record delivered again
 * after its lock expired) is never started twice.
 */
final class RecordIntake {

    /** What became of a record. */
    enum Outcome {
        /** Its request runs; the slot acknowledges the record when {@code whenDone} ran. */
        RUNNING,
        /** Done with at once (deadline passed, or already running here): acknowledge it as processed. */
        DROPPED,
        /** Unreadable: sent to the dead-letter topic; reject it so it is never delivered again. */
        POISON
    }

    private static final Logger LOG = Logger.getLogger(RecordIntake.class);

    private final String model;
    private final InferenceService engine;
    private final GatewayLinks links;
    private final WorkerProducer deadLetters;
    private final TransportStats stats;
    private final RecordTracing tracing;
    private final Duration batchStreamInterval;
    private final Set<String> runningIds = ConcurrentHashMap.newKeySet();

    RecordIntake(String model, InferenceService engine, GatewayLinks links, WorkerProducer deadLetters,
            TransportStats stats, RecordTracing tracing, Duration batchStreamInterval) {
        this.model = model;
        this.batchStreamInterval = batchStreamInterval;
        this.tracing = tracing;
        this.engine = engine;
        this.links = links;
        this.deadLetters = deadLetters;
        this.stats = stats;
    }

    /** Takes a record; {@code whenDone} runs once its request finished, only for {@link Outcome#RUNNING}. */
    Outcome take(ConsumerRecord<String, byte[]> r, Priority priority, Runnable whenDone) {
        if (r.deliveryCount().orElse((short) 1) > 1) {
            stats.add(Count.REDELIVERED, priority);
        }
        String replyTo = header(r, Topics.REPLY_TO);
        WorkItem item = parse(r, replyTo, priority);
        if (item == null) {
            return Outcome.POISON;
        }
        if (!runningIds.add(item.getCorrelationId())) {
            return Outcome.DROPPED;
        }
        if (expired(r)) {
            runningIds.remove(item.getCorrelationId());
            stats.add(Count.EXPIRED, priority);
            return Outcome.DROPPED;
        }
        stats.add(Count.TAKEN, priority);
        execute(r, item, replyTo, priority, () -> {
            runningIds.remove(item.getCorrelationId());
            whenDone.run();
        });
        return Outcome.RUNNING;
    }

    /** The record's request, or null when it is poison (then already sent to the dead-letter topic). */
    private WorkItem parse(ConsumerRecord<String, byte[]> r, String replyTo, Priority priority) {
        try {
            WorkItem item = RequestCodec.parse(r.value());
            if (replyTo == null) {
                throw new WireFormatException("the record has no " + Topics.REPLY_TO + " header");
            }
            return item;
        } catch (WireFormatException e) {
            stats.add(Count.DEAD_LETTERS, priority);
            deadLetters.deadLetter(r, e.getMessage());
            return null;
        }
    }

    /** Runs the request inside the record's CONSUMER span (its parent from the record's trace headers). */
    private void execute(ConsumerRecord<String, byte[]> r, WorkItem item, String replyTo, Priority priority,
            Runnable done) {
        RecordSpan span = tracing.taken(r, Topics.workerGroup(model, priority), header(r, Topics.REQUEST_ID),
                header(r, Topics.PRIORITY));
        try (Scope scope = span.makeCurrent()) {
            Runnable finish = () -> {
                span.end();
                done.run();
            };
            GatewayLink link;
            try {
                link = links.to(replyTo);
            } catch (RuntimeException e) {
                LOG.warnf("cannot reach gateway %s for request %s: %s", replyTo, item.getCorrelationId(),
                        e.getMessage());
                finish.run();
                return;
            }
            Duration interval = priority == Priority.BATCH ? batchStreamInterval : Duration.ZERO;
            new Execution(item, link, interval, () -> stats.add(Count.CANCELLED, priority), finish)
                    .run(span.engine(engine));
        }
    }

    private static boolean expired(ConsumerRecord<String, byte[]> r) {
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
}

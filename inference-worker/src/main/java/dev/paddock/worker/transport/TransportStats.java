package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.Priority;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one model's consumers, read by the metrics of the assembly. */
public final class TransportStats {

    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final Map<Priority, AtomicLong> taken = new EnumMap<>(Priority.class);

    TransportStats() {
        for (Priority p : Priority.values()) {
            taken.put(p, new AtomicLong());
        }
    }

    /** Records that could not be parsed and went to the dead-letter topic. */
    public long deadLetters() {
        return deadLetters.get();
    }

    /** Records dropped unprocessed because their deadline had passed. */
    public long expired() {
        return expired.get();
    }

    /** Requests the gateway cancelled, or whose gateway went away, while they ran. */
    public long cancelled() {
        return cancelled.get();
    }

    /** Records of a priority class taken from Kafka and started on the engine. */
    public long taken(Priority priority) {
        return taken.get(priority).get();
    }

    void deadLettered() {
        deadLetters.incrementAndGet();
    }

    void expiredOne() {
        expired.incrementAndGet();
    }

    void cancelledOne() {
        cancelled.incrementAndGet();
    }

    void tookOne(Priority priority) {
        taken.get(priority).incrementAndGet();
    }
}

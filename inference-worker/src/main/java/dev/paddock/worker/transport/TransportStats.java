package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.Priority;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one model's consumers, per priority class, read by the metrics of the assembly. */
public final class TransportStats {

    /** What a worker counts about the records it takes. */
    public enum Count {
        /** Records taken from Kafka and started on the engine. */
        TAKEN,
        /**
         * Records the broker delivered more than once ({@code ConsumerRecord.deliveryCount()} above 1): a
         * worker died or left the group holding them, their lock expired, or a slot released them. Counted
         * whatever then becomes of the record (started, refused by the gateway as a duplicate, dead-lettered).
         */
        REDELIVERED,
        /** Records that could not be parsed and went to the dead-letter topic. */
        DEAD_LETTERS,
        /** Records dropped unprocessed because their deadline had passed. */
        EXPIRED,
        /** Requests the gateway cancelled, or whose gateway went away, while they ran. */
        CANCELLED
    }

    private final Map<Count, Map<Priority, AtomicLong>> counts = new EnumMap<>(Count.class);

    TransportStats() {
        for (Count c : Count.values()) {
            Map<Priority, AtomicLong> perClass = new EnumMap<>(Priority.class);
            for (Priority p : Priority.values()) {
                perClass.put(p, new AtomicLong());
            }
            counts.put(c, perClass);
        }
    }

    /** How many of {@code count} happened to records of a priority class. */
    public long get(Count count, Priority priority) {
        return counts.get(count).get(priority).get();
    }

    void add(Count count, Priority priority) {
        counts.get(count).get(priority).incrementAndGet();
    }
}

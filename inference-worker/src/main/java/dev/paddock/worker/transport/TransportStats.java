package dev.paddock.worker.transport;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one model's consumer, read by the metrics of the assembly. */
public final class TransportStats {

    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();

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

    /** Records taken for processing. */
    public long taken() {
        return taken.get();
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

    void tookOne() {
        taken.incrementAndGet();
    }
}

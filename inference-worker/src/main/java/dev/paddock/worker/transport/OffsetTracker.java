package dev.paddock.worker.transport;

import java.util.TreeSet;

/**
 * The offsets of one partition taken for processing: requests finish out of order, but the offset
 * committed is only ever the first one not finished yet, so that a crash redelivers every unfinished
 * record and nothing finished is lost.
 */
final class OffsetTracker {

    private final TreeSet<Long> running = new TreeSet<>();
    private long highest = -1;

    void taken(long offset) {
        running.add(offset);
        highest = Math.max(highest, offset);
    }

    void finished(long offset) {
        running.remove(offset);
    }

    /** The offset to commit (the next record to read after a restart), or -1 when nothing was taken. */
    long committable() {
        if (highest < 0) {
            return -1;
        }
        return running.isEmpty() ? highest + 1 : running.first();
    }
}

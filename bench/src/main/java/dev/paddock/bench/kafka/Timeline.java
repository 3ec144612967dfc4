package dev.paddock.bench.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What happened to each record, when (System.nanoTime) and on which worker: the raw data of one run. */
final class Timeline {

    enum Kind {
        PUBLISHED, STARTED, FINISHED
    }

    record Event(long nanos, Kind kind, int record, int worker) {
    }

    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    void published(int record) {
        events.add(new Event(System.nanoTime(), Kind.PUBLISHED, record, -1));
    }

    void started(int record, int worker) {
        events.add(new Event(System.nanoTime(), Kind.STARTED, record, worker));
    }

    void finished(int record, int worker) {
        events.add(new Event(System.nanoTime(), Kind.FINISHED, record, worker));
    }

    long count(Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    /** Every event in time order. */
    List<Event> sorted() {
        List<Event> all = new ArrayList<>(events);
        all.sort(Comparator.comparingLong(Event::nanos));
        return all;
    }
}

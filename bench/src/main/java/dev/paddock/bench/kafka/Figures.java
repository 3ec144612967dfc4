package dev.paddock.bench.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.paddock.bench.Stats;
import dev.paddock.bench.kafka.Timeline.Event;
import dev.paddock.bench.kafka.Timeline.Kind;

/**
 * The figures of one run, from its timeline: per-record wait (published to started) p50/p95/max; the time some
 * worker had no record at all while records waited; the slot-seconds that stood free while records waited
 * (the sum over time of min(waiting records, free slots)); records started more than once; and the makespan.
 */
record Figures(double waitP50Ms, double waitP95Ms, double waitMaxMs, double idleWorkerWhileWaitingMs,
        double freeSlotWhileWaitingS, long duplicates, double makespanS) {

    static Figures of(Timeline timeline, int workers, int slots) {
        List<Event> events = timeline.sorted();
        double[] waits = waits(events);
        Sweep sweep = new Sweep(workers, slots);
        events.forEach(sweep::apply);
        long starts = events.stream().filter(e -> e.kind() == Kind.STARTED).count();
        long distinct = events.stream().filter(e -> e.kind() == Kind.STARTED).mapToInt(Event::record).distinct().count();
        double makespan = (events.getLast().nanos() - events.getFirst().nanos()) / 1e9;
        return new Figures(Stats.percentile(waits, 50), Stats.percentile(waits, 95), Stats.percentile(waits, 100),
                sweep.idleWorkerNanos / 1e6, sweep.freeSlotNanos / 1e9, starts - distinct, makespan);
    }

    private static double[] waits(List<Event> events) {
        Map<Integer, Long> published = new HashMap<>();
        Map<Integer, Double> waits = new HashMap<>();
        for (Event e : events) {
            switch (e.kind()) {
                case PUBLISHED -> published.put(e.record(), e.nanos());
                case STARTED -> waits.putIfAbsent(e.record(), (e.nanos() - published.get(e.record())) / 1e6);
                case FINISHED -> { }
            }
        }
        return waits.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Walks the events in order, integrating the idle measures between consecutive events. */
    private static final class Sweep {
        private final int[] busy;
        private final int slots;
        private int waiting;
        private long last = -1;
        long idleWorkerNanos;
        long freeSlotNanos;

        Sweep(int workers, int slots) {
            this.busy = new int[workers];
            this.slots = slots;
        }

        void apply(Event e) {
            if (last >= 0 && waiting > 0) {
                long dt = e.nanos() - last;
                int free = 0;
                boolean anIdleWorker = false;
                for (int b : busy) {
                    free += slots - b;
                    anIdleWorker |= b == 0;
                }
                idleWorkerNanos += anIdleWorker ? dt : 0;
                freeSlotNanos += Math.min(waiting, free) * dt;
            }
            last = e.nanos();
            switch (e.kind()) {
                case PUBLISHED -> waiting++;
                case STARTED -> {
                    waiting--;
                    busy[e.worker()]++;
                }
                case FINISHED -> busy[e.worker()]--;
            }
        }
    }
}

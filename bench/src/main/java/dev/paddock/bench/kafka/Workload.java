package dev.paddock.bench.kafka;

import java.util.Random;

/**
 * The records of a run: one in {@code slowEvery} takes {@code slowMs}, the rest {@code fastMs}; arrivals are a
 * Poisson process whose rate keeps the slots {@code load} busy on average. Seeded, so both modes see the same
 * sequence.
 *
 * @param records how many records
 * @param fastMs processing time of an ordinary record
 * @param slowMs processing time of a slow one
 * @param slowEvery one record in this many is slow (chosen at random)
 * @param load the target mean fraction of busy slots
 */
record Workload(int records, int fastMs, int slowMs, int slowEvery, double load) {

    /** Processing time of each record, in ms. */
    int[] processingMs(long seed) {
        Random random = new Random(seed);
        int[] ms = new int[records];
        for (int i = 0; i < records; i++) {
            ms[i] = random.nextInt(slowEvery) == 0 ? slowMs : fastMs;
        }
        return ms;
    }

    /** Gap before each record is published, in ns, for a given number of slots in all. */
    long[] gapsNanos(long seed, int totalSlots) {
        double meanMs = (fastMs * (slowEvery - 1.0) + slowMs) / slowEvery;
        double ratePerMs = load * totalSlots / meanMs;
        Random random = new Random(seed ^ 0x5DEECE66DL);
        long[] gaps = new long[records];
        for (int i = 0; i < records; i++) {
            gaps[i] = (long) (-Math.log(1 - random.nextDouble()) / ratePerMs * 1e6);
        }
        return gaps;
    }
}

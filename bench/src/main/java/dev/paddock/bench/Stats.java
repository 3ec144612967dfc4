package dev.paddock.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Percentiles and medians. */
public final class Stats {

    private Stats() {
    }

    /** Nearest-rank percentile (p in 0..100) of the values, NaN when there are none. */
    public static double percentile(double[] values, double p) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.clamp(rank - 1, 0, v.length - 1)];
    }

    /** The median of a metric over repetitions (the mean of the middle two for an even count). */
    static <T> double median(List<T> runs, ToDoubleFunction<T> metric) {
        double[] v = runs.stream().mapToDouble(metric).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** min..max of a metric over repetitions, for the spread column. */
    static <T> double[] range(List<T> runs, ToDoubleFunction<T> metric) {
        double[] v = runs.stream().mapToDouble(metric).filter(d -> !Double.isNaN(d)).sorted().toArray();
        return v.length == 0 ? new double[] { Double.NaN, Double.NaN } : new double[] { v[0], v[v.length - 1] };
    }
}

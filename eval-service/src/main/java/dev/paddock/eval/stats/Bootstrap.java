package dev.paddock.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence interval of a mean (Efron and Tibshirani, 1993, ch. 13): the scores
 * are resampled with replacement {@code resamples} times with a seeded generator, so the same scores
 * and seed always give the same interval; the interval is the (1-level)/2 and (1+level)/2 quantiles
 * of the resampled means.
 */
public final class Bootstrap {

    private final int resamples;
    private final double level;

    /**
     * @param resamples resamples drawn (1,000 by default in the service)
     * @param level the confidence level, e.g. 0.95
     */
    public Bootstrap(int resamples, double level) {
        if (resamples < 1 || level <= 0 || level >= 1) {
            throw new IllegalArgumentException("resamples must be >= 1 and level in (0, 1)");
        }
        this.resamples = resamples;
        this.level = level;
    }

    /** A mean and its interval. */
    public record Interval(double mean, double low, double high) {
    }

    /** The mean of {@code values} with its confidence interval; NaNs when there are no values. */
    public Interval of(double[] values, long seed) {
        if (values.length == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[r] = sum / values.length;
        }
        Arrays.sort(means);
        return new Interval(Arrays.stream(values).average().orElseThrow(), quantile(means, (1 - level) / 2),
                quantile(means, (1 + level) / 2));
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}

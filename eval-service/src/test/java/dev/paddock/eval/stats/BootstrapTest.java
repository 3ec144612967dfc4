package dev.paddock.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private final Bootstrap bootstrap = new Bootstrap(1000, 0.95);

    private static double[] coinFlips(int n, double p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble() < p ? 1 : 0;
        }
        return v;
    }

    @Test
    void intervalContainsTheMeanAndTheSameSeedGivesTheSameInterval() {
        double[] v = coinFlips(50, 0.6, 1);
        Bootstrap.Interval a = bootstrap.of(v, 42);

        assertThat(a.low()).isLessThanOrEqualTo(a.mean());
        assertThat(a.high()).isGreaterThanOrEqualTo(a.mean());
        assertThat(bootstrap.of(v, 42)).isEqualTo(a);
        assertThat(bootstrap.of(v, 43)).isNotEqualTo(a);
    }

    @Test
    void moreItemsGiveANarrowerInterval() {
        Bootstrap.Interval small = bootstrap.of(coinFlips(20, 0.5, 2), 7);
        Bootstrap.Interval large = bootstrap.of(coinFlips(2000, 0.5, 3), 7);

        assertThat(large.high() - large.low()).isLessThan((small.high() - small.low()) / 4);
    }

    @Test
    void widthMatchesTheNormalApproximationForManyItems() {
        // for a proportion p over n items, a 95% interval is about ±1.96·sqrt(p(1-p)/n) = ±0.0439 at p=0.5, n=500
        Bootstrap.Interval ci = new Bootstrap(4000, 0.95).of(coinFlips(500, 0.5, 4), 11);

        assertThat(ci.high() - ci.low()).isCloseTo(2 * 1.96 * Math.sqrt(0.25 / 500), within(0.01));
    }

    @Test
    void constantScoresHaveAZeroWidthIntervalAndNoScoresNone() {
        assertThat(bootstrap.of(new double[] {1, 1, 1}, 0)).isEqualTo(new Bootstrap.Interval(1, 1, 1));
        assertThat(bootstrap.of(new double[0], 0).mean()).isNaN();
    }
}

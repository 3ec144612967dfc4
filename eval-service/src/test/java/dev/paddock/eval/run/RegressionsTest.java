package dev.paddock.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegressionsTest {

    private static ScoreResult score(String model, String scorer, double mean, boolean lowerIsBetter) {
        return new ScoreResult(model, scorer, scorer, mean, mean, mean, 10, 0, lowerIsBetter);
    }

    private static RunResult run(ScoreResult... scores) {
        return new RunResult("id", "e", Instant.EPOCH, Instant.EPOCH, RunResult.State.succeeded, null, 10,
                List.of(scores), List.of());
    }

    private static EvaluationSpec spec(String baseline, double threshold) {
        EvaluationSpec s = new EvaluationSpec();
        s.baseline = baseline;
        s.threshold = threshold;
        return s;
    }

    @Test
    void againstThePreviousRunOnlyDropsBeyondTheThresholdCount() {
        RunResult before = run(score("m", "exact_match", 0.80, false), score("m", "rouge_l", 0.50, false));
        RunResult now = run(score("m", "exact_match", 0.70, false), score("m", "rouge_l", 0.47, false));

        assertThat(Regressions.find(spec("previous", 0.05), now, Optional.of(before)))
                .containsExactly("m: exact_match 0.7000 vs baseline 0.8000 (previous run, threshold 0.0500)");
        assertThat(Regressions.find(spec("previous", 0.05), now, Optional.empty())).isEmpty();
    }

    @Test
    void againstABaselineModelLatencyRegressesUpwards() {
        RunResult now = run(score("base", "latency", 1.0, true), score("new", "latency", 1.5, true),
                score("base", "exact_match", 0.6, false), score("new", "exact_match", 0.9, false));

        assertThat(Regressions.find(spec("base", 0.2), now, Optional.empty()))
                .containsExactly("new: latency 1.5000 vs baseline 1.0000 (base, threshold 0.2000)");
    }

    @Test
    void noBaselineOrAFailedRunFindsNothing() {
        RunResult now = run(score("a", "x", 0, false), score("b", "x", 1, false));
        RunResult failed = new RunResult("id", "e", Instant.EPOCH, Instant.EPOCH, RunResult.State.failed, "why", 0,
                List.of(), List.of());

        assertThat(Regressions.find(spec(null, 0), now, Optional.empty())).isEmpty();
        assertThat(Regressions.find(spec("b", 0), failed, Optional.of(now))).isEmpty();
    }
}

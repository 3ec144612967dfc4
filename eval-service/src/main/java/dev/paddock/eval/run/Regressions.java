package dev.paddock.eval.run;

import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the scores of a run that fall behind their baseline by more than the spec's threshold: the
 * same model's score in the previous successful run ({@code baseline: previous}) or the baseline
 * model's score in the same run. For latency and TTFT "behind" means higher.
 */
public final class Regressions {

    private Regressions() {
    }

    /** One sentence per regressed score; empty when none or when there is no baseline. */
    public static List<String> find(EvaluationSpec spec, RunResult run, Optional<RunResult> previous) {
        List<String> found = new ArrayList<>();
        if (spec.baseline == null || run.state() != RunResult.State.succeeded) {
            return found;
        }
        boolean againstPrevious = spec.baseline.equals("previous");
        for (ScoreResult s : run.scores()) {
            Optional<ScoreResult> base = againstPrevious ? previous.flatMap(p -> p.score(s.model(), s.scorer()))
                    : s.model().equals(spec.baseline) ? Optional.empty() : run.score(spec.baseline, s.scorer());
            base.filter(b -> behind(s, b, spec.threshold)).ifPresent(b -> found.add(String.format(Locale.ROOT,
                    "%s: %s %.4f vs baseline %.4f (%s, threshold %.4f)", s.model(), s.scorer(), s.mean(), b.mean(),
                    againstPrevious ? "previous run" : b.model(), spec.threshold)));
        }
        return found;
    }

    private static boolean behind(ScoreResult s, ScoreResult base, double threshold) {
        return s.lowerIsBetter() ? s.mean() > base.mean() + threshold : s.mean() < base.mean() - threshold;
    }
}

package dev.paddock.eval.operator;

import dev.paddock.api.eval.v1alpha1.EvaluationStatus;
import dev.paddock.eval.run.RunResult;
import dev.paddock.eval.run.ScoreResult;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The status an Evaluation should have: its last run, the scores of its last successful run, and the
 * Ready and Regressed conditions. A condition keeps its lastTransitionTime while its status stays the
 * same, so an unchanged status compares equal and is not patched.
 */
final class StatusBuilder {

    private StatusBuilder() {
    }

    /** The status of a valid evaluation. */
    static EvaluationStatus of(long generation, Optional<RunResult> latest, Optional<RunResult> succeeded,
            Optional<ZonedDateTime> nextRun, boolean hasBaseline, EvaluationStatus old) {
        EvaluationStatus s = new EvaluationStatus();
        s.observedGeneration = generation;
        latest.ifPresent(r -> {
            s.lastRunId = r.id();
            s.lastRunTime = rfc3339(r.finishedAt());
        });
        s.nextRunTime = nextRun.map(t -> t.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).orElse(null);
        succeeded.ifPresent(r -> s.scores = scores(r));
        s.conditions = List.of(ready(latest, old), regressed(succeeded, hasBaseline, old));
        return s;
    }

    /** The status of an evaluation whose spec is invalid. */
    static EvaluationStatus invalid(long generation, List<String> problems, EvaluationStatus old) {
        EvaluationStatus s = new EvaluationStatus();
        s.observedGeneration = generation;
        s.conditions = List.of(condition(EvaluationStatus.READY, "False", "InvalidSpec", String.join("; ", problems), old));
        return s;
    }

    private static Condition ready(Optional<RunResult> latest, EvaluationStatus old) {
        if (latest.isEmpty()) {
            return condition(EvaluationStatus.READY, "Unknown", "Pending", "waiting for the first run", old);
        }
        RunResult r = latest.get();
        return r.state() == RunResult.State.succeeded
                ? condition(EvaluationStatus.READY, "True", "RunSucceeded", "run " + r.id() + " scored " + r.items()
                        + " items", old)
                : condition(EvaluationStatus.READY, "False", "RunFailed", r.failure(), old);
    }

    private static Condition regressed(Optional<RunResult> succeeded, boolean hasBaseline, EvaluationStatus old) {
        if (!hasBaseline) {
            return condition(EvaluationStatus.REGRESSED, "False", "NoBaseline", "the spec names no baseline", old);
        }
        if (succeeded.isEmpty()) {
            return condition(EvaluationStatus.REGRESSED, "Unknown", "Pending", "no successful run yet", old);
        }
        List<String> found = succeeded.get().regressions();
        return found.isEmpty()
                ? condition(EvaluationStatus.REGRESSED, "False", "WithinThreshold", "every score is within the threshold of"
                        + " its baseline", old)
                : condition(EvaluationStatus.REGRESSED, "True", "BelowBaseline", String.join("; ", found), old);
    }

    private static List<EvaluationStatus.ModelScore> scores(RunResult r) {
        List<EvaluationStatus.ModelScore> out = new ArrayList<>();
        for (ScoreResult s : r.scores()) {
            if (Double.isNaN(s.mean())) {
                continue;
            }
            EvaluationStatus.ModelScore m = new EvaluationStatus.ModelScore();
            m.model = s.model();
            m.scorer = s.scorer();
            m.score = s.mean();
            m.ciLow = s.ciLow();
            m.ciHigh = s.ciHigh();
            m.samples = s.samples();
            out.add(m);
        }
        return out;
    }

    private static Condition condition(String type, String status, String reason, String message, EvaluationStatus old) {
        String since = old == null || old.conditions == null ? null : old.conditions.stream()
                .filter(c -> type.equals(c.getType()) && status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime).findFirst().orElse(null);
        return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastTransitionTime(since != null ? since : rfc3339(Instant.now())).build();
    }

    private static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}

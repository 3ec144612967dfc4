package dev.paddock.eval.run;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one run of an evaluation.
 *
 * @param id unique run id
 * @param evaluation the evaluation's name
 * @param startedAt when the run started
 * @param finishedAt when it ended
 * @param state succeeded or failed
 * @param failure why it failed (e.g. the endpoint's contract check), null when it succeeded
 * @param items items asked per model
 * @param scores one per model and scorer
 * @param regressions scores below their baseline by more than the threshold, as sentences
 */
public record RunResult(String id, String evaluation, Instant startedAt, Instant finishedAt, State state,
        String failure, int items, List<ScoreResult> scores, List<String> regressions) {

    /** How a run ended. */
    public enum State {
        succeeded,
        failed
    }

    /** The score of a model on a scorer in this run. */
    public Optional<ScoreResult> score(String model, String scorer) {
        return scores.stream().filter(s -> s.model().equals(model) && s.scorer().equals(scorer)).findFirst();
    }

    /** This result with the regressions found against its baseline. */
    public RunResult withRegressions(List<String> found) {
        return new RunResult(id, evaluation, startedAt, finishedAt, state, failure, items, scores, List.copyOf(found));
    }
}

package dev.paddock.eval.run;

/**
 * One model's score on one scorer in one run.
 *
 * @param model the model as named in the spec
 * @param scorer the scorer's name
 * @param type the scorer's type
 * @param mean mean over scored items
 * @param ciLow lower end of the bootstrap confidence interval
 * @param ciHigh upper end of the bootstrap confidence interval
 * @param samples items scored
 * @param unscored items the scorer could not score (e.g. a judge's reply without a grade)
 * @param lowerIsBetter whether a lower value is better (latency, TTFT)
 */
public record ScoreResult(String model, String scorer, String type, double mean, double ciLow, double ciHigh,
        int samples, int unscored, boolean lowerIsBetter) {
}

package dev.paddock.eval.client;

import java.util.List;

/**
 * The echoed prompt's tokens from {@code /v1/completions} with {@code echo: true}: each token's text,
 * its offset in the prompt and its log-probability (null where the endpoint gives none, as for the
 * first token).
 */
public record PromptLogprobs(List<String> tokens, List<Double> logprobs, List<Integer> offsets) {

    /**
     * The sum of the log-probabilities of the tokens that start at or after {@code from} and before
     * {@code to}, i.e. the log-likelihood of that span of the prompt given what precedes it.
     *
     * @throws IllegalStateException when a token of the span has no log-probability
     */
    public double sumOver(int from, int to) {
        double sum = 0;
        int counted = 0;
        for (int i = 0; i < tokens.size(); i++) {
            int at = offsets.get(i);
            if (at >= from && at < to) {
                Double lp = logprobs.get(i);
                if (lp == null) {
                    throw new IllegalStateException("token " + i + " ('" + tokens.get(i) + "') has no logprob");
                }
                sum += lp;
                counted++;
            }
        }
        if (counted == 0) {
            throw new IllegalStateException("no token starts in characters " + from + "-" + to + " of the prompt");
        }
        return sum;
    }
}

package dev.paddock.eval.run;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.eval.client.Answer;
import dev.paddock.eval.client.OpenAiEndpoint;
import dev.paddock.eval.client.PromptLogprobs;

/**
 * Chooses a multiple-choice answer by log-likelihood: for each choice the prompt "question choice" is
 * echoed through {@code /v1/completions} ({@code echo: true, logprobs: 0, max_tokens: 1}) and the
 * log-probabilities of the tokens from the end of the question to the end of the prompt (the choice,
 * with its leading space) are summed; the choice with the highest sum is the model's answer.
 */
final class MultipleChoice {

    private MultipleChoice() {
    }

    /** The model's chosen choice as the answer's text; timings cover all the choices' requests. */
    static Answer choose(OpenAiEndpoint endpoint, String model, DatasetItem item) {
        long t0 = System.nanoTime();
        int best = -1;
        double bestLogLikelihood = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < item.choices.size(); c++) {
            double ll = logLikelihood(endpoint, model, item.question, item.choices.get(c));
            if (ll > bestLogLikelihood) {
                best = c;
                bestLogLikelihood = ll;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Answer(item.choices.get(Math.max(best, 0)), seconds, seconds, 0);
    }

    /** log P(choice | question) from the echoed prompt's token logprobs. */
    static double logLikelihood(OpenAiEndpoint endpoint, String model, String question, String choice) {
        String separator = question.isEmpty() || Character.isWhitespace(question.charAt(question.length() - 1))
                || (!choice.isEmpty() && Character.isWhitespace(choice.charAt(0))) ? "" : " ";
        String prompt = question + separator + choice;
        PromptLogprobs lp = endpoint.promptLogprobs(model, prompt);
        try {
            return lp.sumOver(question.length(), prompt.length());
        } catch (IllegalStateException e) {
            throw new ContractViolation("model " + model + ": no prompt logprobs for the choice '" + choice + "': "
                    + e.getMessage());
        }
    }
}

package dev.paddock.gateway.openai.completions;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.gateway.openai.Streaming;
import java.util.List;

/**
 * A checked text completion request, ready to run: {@code n} choices for each prompt, choice
 * {@code p * n + j} being the j-th of prompt p.
 *
 * @param id the response id
 * @param created epoch seconds
 * @param model the model's own name
 * @param prompts the prompts
 * @param n choices per prompt
 * @param requests one engine request per choice
 * @param streaming whether and how to stream
 * @param logprobs alternatives per token in the legacy logprobs, or null for none
 * @param echo return the prompt before the completion
 */
record CompletionPlan(String id, long created, String model, List<Prompt> prompts, int n,
        List<GenerateRequest> requests, Streaming streaming, Integer logprobs, boolean echo) {

    /** The prompt text a choice echoes: as sent, or for token ids the text of the tokens. */
    String echoText(int choice, List<TokenLogprob> promptTokens) {
        if (prompts.get(choice / n) instanceof Prompt.Text text) {
            return text.text();
        }
        StringBuilder sb = new StringBuilder();
        promptTokens.forEach(t -> sb.append(t.text()));
        return sb.toString();
    }
}

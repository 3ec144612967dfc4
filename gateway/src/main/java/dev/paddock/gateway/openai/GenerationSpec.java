package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.openai.v1.GenerationOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * What the endpoints add to the shared {@link GenerationOptions} to make engine requests: the prompt,
 * the token limit, logprobs, echo and an output constraint.
 *
 * @param maxTokens token limit, -1 for none
 * @param logprobs top alternatives per token, null for no logprobs
 * @param echo return the prompt's tokens
 * @param constraint grammar for the output, or null
 */
public record GenerationSpec(int maxTokens, Integer logprobs, boolean echo, OutputConstraint constraint) {

    /**
     * One checked engine request per choice; with a seed, choice i uses seed + i so that the choices
     * differ and the same request gives the same choices again.
     *
     * @param id the response's id, which the engine requests' ids start with
     * @param model the model's sampling for the parameters the request leaves out
     */
    public List<GenerateRequest> requests(String id, GenerationOptions o, Prompt prompt, int choices,
            SamplingParams model) {
        List<String> stop = StopSequences.parse(o.stop());
        int minTokens = o.minTokens() != null ? o.minTokens() : 0;
        boolean ignoreEos = Boolean.TRUE.equals(o.ignoreEos());
        List<GenerateRequest> requests = new ArrayList<>(choices);
        for (int i = 0; i < choices; i++) {
            Long seed = o.seed() != null ? o.seed() + i : null;
            requests.add(new GenerateRequest(id + "-" + i, o.model(), prompt, Sampling.of(o, seed, model),
                    maxTokens, minTokens, stop, ignoreEos, logprobs, echo, constraint, null, Priority.INTERACTIVE)
                    .validate());
        }
        return requests;
    }
}

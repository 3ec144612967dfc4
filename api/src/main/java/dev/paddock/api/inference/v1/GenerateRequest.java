package dev.paddock.api.inference.v1;

import java.time.Instant;
import java.util.List;

/**
 * One text generation.
 *
 * @param id unique request id
 * @param model the model's name (aliases already resolved)
 * @param prompt what to continue
 * @param sampling how to choose tokens
 * @param maxTokens most tokens to generate; -1 = until the context is full
 * @param minTokens end-of-generation and stop strings are ignored before this many tokens
 * @param stop stop strings, never included in the output
 * @param ignoreEos keep generating past end-of-generation tokens
 * @param logprobs null for none, else how many top alternatives to return for each token (0-20)
 * @param echo also return the prompt's tokens (with logprobs when {@code logprobs} is set)
 * @param constraint grammar restricting the output, or null
 * @param deadline when the request is no longer worth finishing, or null
 * @param priority queueing class
 */
public record GenerateRequest(String id, String model, Prompt prompt, SamplingParams sampling, int maxTokens,
        int minTokens, List<String> stop, boolean ignoreEos, Integer logprobs, boolean echo,
        OutputConstraint constraint, Instant deadline, Priority priority) {

    /** Most alternatives a caller may ask for per token. */
    public static final int MAX_TOP_LOGPROBS = 20;

    public GenerateRequest {
        stop = stop == null ? List.of() : List.copyOf(stop);
        sampling = sampling == null ? SamplingParams.DEFAULTS : sampling;
        priority = priority == null ? Priority.INTERACTIVE : priority;
    }

    /** A request with defaults for everything but the prompt and the token limit. */
    public static GenerateRequest of(String id, String model, Prompt prompt, SamplingParams sampling, int maxTokens) {
        return new GenerateRequest(id, model, prompt, sampling, maxTokens, 0, List.of(), false, null, false, null,
                null, Priority.INTERACTIVE);
    }

    public GenerateRequest withStop(List<String> value) {
        return new GenerateRequest(id, model, prompt, sampling, maxTokens, minTokens, value, ignoreEos, logprobs,
                echo, constraint, deadline, priority);
    }

    public GenerateRequest withLogprobs(Integer value, boolean echoPrompt) {
        return new GenerateRequest(id, model, prompt, sampling, maxTokens, minTokens, stop, ignoreEos, value,
                echoPrompt, constraint, deadline, priority);
    }

    public GenerateRequest withConstraint(OutputConstraint value) {
        return new GenerateRequest(id, model, prompt, sampling, maxTokens, minTokens, stop, ignoreEos, logprobs,
                echo, value, deadline, priority);
    }

    public GenerateRequest withIgnoreEos() {
        return new GenerateRequest(id, model, prompt, sampling, maxTokens, minTokens, stop, true, logprobs, echo,
                constraint, deadline, priority);
    }

    public GenerateRequest withDeadline(Instant value) {
        return new GenerateRequest(id, model, prompt, sampling, maxTokens, minTokens, stop, ignoreEos, logprobs,
                echo, constraint, value, priority);
    }

    public GenerateRequest withPriority(Priority value) {
        return new GenerateRequest(id, model, prompt, sampling, maxTokens, minTokens, stop, ignoreEos, logprobs,
                echo, constraint, deadline, value);
    }

    /**
     * Checks every parameter.
     *
     * @throws InferenceException naming the first invalid parameter
     */
    public GenerateRequest validate() {
        if (prompt == null) {
            throw InferenceException.invalid("prompt", "'prompt' is required");
        }
        if (maxTokens < -1 || maxTokens == 0) {
            throw InferenceException.invalid("max_tokens", "'max_tokens' must be at least 1");
        }
        if (minTokens < 0) {
            throw InferenceException.invalid("min_tokens", "'min_tokens' must be 0 or more");
        }
        if (logprobs != null && (logprobs < 0 || logprobs > MAX_TOP_LOGPROBS)) {
            throw InferenceException.invalid("top_logprobs",
                    "'top_logprobs' must be between 0 and " + MAX_TOP_LOGPROBS);
        }
        for (String s : stop) {
            if (s == null || s.isEmpty()) {
                throw InferenceException.invalid("stop", "'stop' strings must not be empty");
            }
        }
        sampling.validate();
        return this;
    }
}

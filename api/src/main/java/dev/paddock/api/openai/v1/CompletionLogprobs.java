package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Legacy log-probabilities, one entry per token in each list. With echo the prompt's tokens come first
 * and the very first has no log-probability (null).
 *
 * @param tokens each token's text
 * @param tokenLogprobs each token's natural-log probability
 * @param topLogprobs per token, the most likely tokens' text to their log-probability (with the chosen
 *        token always included)
 * @param textOffset each token's character offset in the choice's text
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompletionLogprobs(
        List<String> tokens,
        @JsonProperty("token_logprobs") List<Double> tokenLogprobs,
        @JsonProperty("top_logprobs") List<Map<String, Double>> topLogprobs,
        @JsonProperty("text_offset") List<Integer> textOffset) {
}

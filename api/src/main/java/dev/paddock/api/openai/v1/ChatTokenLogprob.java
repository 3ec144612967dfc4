package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The log-probability of one generated token and its most likely alternatives.
 *
 * @param token the token's text
 * @param logprob its natural-log probability
 * @param bytes its UTF-8 bytes (a token may hold part of a character)
 * @param topLogprobs the most likely tokens at this position
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatTokenLogprob(
        String token,
        double logprob,
        List<Integer> bytes,
        @JsonProperty("top_logprobs") List<TopLogprob> topLogprobs) {

    /**
     * An alternative token at a position.
     *
     * @param token the token's text
     * @param logprob its natural-log probability
     * @param bytes its UTF-8 bytes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TopLogprob(String token, double logprob, List<Integer> bytes) {
    }
}

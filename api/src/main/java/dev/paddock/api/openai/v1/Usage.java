package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Token counts of a completion.
 *
 * @param promptTokens tokens in the prompt (counted once per distinct prompt, whatever {@code n})
 * @param completionTokens tokens generated over all choices
 * @param totalTokens their sum
 * @param promptTokensDetails how the prompt tokens were processed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Usage(
        @JsonProperty("prompt_tokens") int promptTokens,
        @JsonProperty("completion_tokens") int completionTokens,
        @JsonProperty("total_tokens") int totalTokens,
        @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails) {

    /** Usage with the total computed. */
    public static Usage of(int promptTokens, int completionTokens, int cachedTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens,
                new PromptTokensDetails(cachedTokens));
    }

    /**
     * Details of the prompt tokens.
     *
     * @param cachedTokens prompt tokens reused from the KV cache rather than computed
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PromptTokensDetails(@JsonProperty("cached_tokens") int cachedTokens) {
    }
}

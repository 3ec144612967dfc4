package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One choice of a chat completion.
 *
 * @param index its position
 * @param message what the assistant answered
 * @param logprobs per-token log-probabilities, or null when not asked for
 * @param finishReason stop, length or tool_calls
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatChoice(
        int index,
        AssistantMessage message,
        ChatLogprobs logprobs,
        @JsonProperty("finish_reason") String finishReason) {
}

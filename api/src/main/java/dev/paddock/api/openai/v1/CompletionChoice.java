package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One choice of a text completion (or the fragment of it a streamed chunk carries).
 *
 * @param text the generated text, after the prompt when echo was asked for
 * @param index prompt index times n plus the choice number
 * @param logprobs per-token log-probabilities, or null when not asked for
 * @param finishReason stop or length; null in a stream until the choice's last chunk
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompletionChoice(
        String text,
        int index,
        CompletionLogprobs logprobs,
        @JsonProperty("finish_reason") String finishReason) {
}

package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Log-probabilities of a chat choice's tokens.
 *
 * @param content one entry per generated token
 * @param refusal always null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatLogprobs(List<ChatTokenLogprob> content, List<ChatTokenLogprob> refusal) {

    public static ChatLogprobs of(List<ChatTokenLogprob> content) {
        return new ChatLogprobs(content, null);
    }
}

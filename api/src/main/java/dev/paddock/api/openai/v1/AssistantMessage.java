package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The assistant's message in a chat completion.
 *
 * @param role always "assistant"
 * @param content the text, or null when the message calls tools
 * @param refusal always null (the model never refuses by policy)
 * @param toolCalls the calls made, left out when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssistantMessage(
        String role,
        String content,
        String refusal,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("tool_calls") List<ToolCall> toolCalls) {

    /** A text answer. */
    public static AssistantMessage text(String content) {
        return new AssistantMessage("assistant", content, null, List.of());
    }

    /** An answer that calls tools. */
    public static AssistantMessage calls(List<ToolCall> toolCalls) {
        return new AssistantMessage("assistant", null, null, toolCalls);
    }
}

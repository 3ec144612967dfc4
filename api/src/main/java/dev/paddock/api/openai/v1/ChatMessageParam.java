package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One message of a chat request.
 *
 * @param role system, developer, user, assistant or tool
 * @param content a string or an array of content parts ({@code {"type":"text","text":...}}); null for
 *        an assistant message that only calls tools
 * @param name optional participant name
 * @param toolCalls the calls an assistant message made
 * @param toolCallId for a tool message, the id of the call it answers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatMessageParam(
        String role,
        JsonNode content,
        String name,
        @JsonProperty("tool_calls") List<ToolCall> toolCalls,
        @JsonProperty("tool_call_id") String toolCallId) {
}

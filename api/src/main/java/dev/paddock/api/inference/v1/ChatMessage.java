package dev.paddock.api.inference.v1;

import java.util.List;

/**
 * One message of a conversation, as the chat template sees it.
 *
 * @param role system, developer, user, assistant or tool
 * @param content the text (null for an assistant message that only calls tools)
 * @param name optional participant name
 * @param toolCalls tool calls made by an assistant message (empty when none)
 * @param toolCallId for a tool message, the id of the call it answers
 */
public record ChatMessage(String role, String content, String name, List<ToolCall> toolCalls, String toolCallId) {

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null, List.of(), null);
    }

    /** A function call made by the assistant; arguments are a JSON document as text. */
    public record ToolCall(String id, String name, String arguments) {
    }
}

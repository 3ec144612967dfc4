package dev.paddock.gateway.openai.chat;

import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.openai.v1.ChatMessageParam;
import dev.paddock.api.openai.v1.ToolCall;
import dev.paddock.gateway.openai.RequestChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks a request's {@code messages} and converts them to the conversation the chat template renders. */
final class ChatMessages {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private ChatMessages() {
    }

    static List<ChatMessage> convert(List<ChatMessageParam> messages) {
        RequestChecks.require(messages != null && !messages.isEmpty(), "messages",
                "'messages' must be a non-empty array.");
        List<ChatMessage> converted = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            converted.add(message(messages.get(i), "messages[" + i + "]"));
        }
        return converted;
    }

    private static ChatMessage message(ChatMessageParam m, String param) {
        RequestChecks.require(m != null, param, "'" + param + "' must be an object.");
        RequestChecks.require(m.role() != null && ROLES.contains(m.role()), param + ".role", "'" + param
                + ".role' must be one of system, developer, user, assistant, tool; got '" + m.role() + "'.");
        String content = MessageContent.text(m.content(), param + ".content");
        boolean assistant = m.role().equals("assistant");
        List<ChatMessage.ToolCall> calls = assistant ? toolCalls(m.toolCalls(), param + ".tool_calls") : List.of();
        RequestChecks.require(content != null || !calls.isEmpty(), param + ".content", "'" + param
                + ".content' is required.");
        RequestChecks.require(!m.role().equals("tool") || m.toolCallId() != null, param + ".tool_call_id",
                "'" + param + ".tool_call_id' is required for a tool message.");
        return new ChatMessage(templateRole(m.role()), content, m.name(), calls, m.toolCallId());
    }

    private static List<ChatMessage.ToolCall> toolCalls(List<ToolCall> calls, String param) {
        if (calls == null) {
            return List.of();
        }
        List<ChatMessage.ToolCall> converted = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            RequestChecks.require(c != null && c.function() != null && c.function().name() != null,
                    param + "[" + i + "].function", "'" + param + "[" + i + "].function.name' is required.");
            converted.add(new ChatMessage.ToolCall(c.id(), c.function().name(), c.function().arguments()));
        }
        return converted;
    }

    private static String templateRole(String role) {
        // OpenAI's developer messages are its newer name for system messages; templates know only system
        return role.equals("developer") ? "system" : role;
    }
}

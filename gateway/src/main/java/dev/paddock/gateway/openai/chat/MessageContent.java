package dev.paddock.gateway.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paddock.gateway.openai.RequestChecks;
import java.util.Set;

/**
 * A message's {@code content}: a string or an array of content parts. Text parts are joined with
 * newlines; image, audio and file parts are refused, since the served models read text only.
 */
final class MessageContent {

    private static final Set<String> TEXT_PARTS = Set.of("text", "refusal");

    private MessageContent() {
    }

    /** The text, or null when the content is absent. */
    static String text(JsonNode content, String param) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.asText();
        }
        RequestChecks.require(content.isArray(), param, "'" + param + "' must be a string or an array of content"
                + " parts.");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            String part = part(content.get(i), param + "[" + i + "]");
            text.append(i == 0 ? "" : "\n").append(part);
        }
        return text.toString();
    }

    private static String part(JsonNode part, String param) {
        String type = part.path("type").asText(null);
        RequestChecks.require(part.isObject() && type != null, param, "'" + param + "' must be an object with a"
                + " 'type'.");
        RequestChecks.require(TEXT_PARTS.contains(type), param, "Content of type '" + type + "' is not supported:"
                + " the model reads text only. Send text parts ({\"type\":\"text\",\"text\":...}).");
        JsonNode text = part.get(type);
        RequestChecks.require(text != null && text.isTextual(), param + "." + type, "'" + param + "." + type
                + "' must be a string.");
        return text.asText();
    }
}

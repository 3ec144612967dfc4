package dev.paddock.api.inference.v1;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function the model may call, rendered into the prompt by the chat template.
 *
 * @param name function name
 * @param description what it does (may be null)
 * @param parameters JSON Schema of its arguments (may be null)
 */
public record ToolDefinition(String name, String description, JsonNode parameters) {
}

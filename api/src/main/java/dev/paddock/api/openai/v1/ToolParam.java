package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool the model may call; only {@code function} tools exist.
 *
 * @param type always "function"
 * @param function the function
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ToolParam(String type, Function function) {

    /**
     * A callable function.
     *
     * @param name its name
     * @param description what it does
     * @param parameters JSON Schema of its arguments object
     * @param strict whether arguments must follow the schema exactly (they always do here)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Function(String name, String description, JsonNode parameters, Boolean strict) {
    }
}

package dev.paddock.gateway.openai.chat;

import dev.paddock.api.inference.v1.ToolDefinition;
import dev.paddock.api.openai.v1.ToolParam;
import dev.paddock.gateway.openai.RequestChecks;
import java.util.ArrayList;
import java.util.List;

/** Checks a request's {@code tools} and converts them to the definitions the chat template renders. */
final class ToolDefinitions {

    private ToolDefinitions() {
    }

    static List<ToolDefinition> convert(List<ToolParam> tools) {
        if (tools == null) {
            return List.of();
        }
        List<ToolDefinition> converted = new ArrayList<>(tools.size());
        for (int i = 0; i < tools.size(); i++) {
            ToolParam.Function f = function(tools.get(i), "tools[" + i + "]");
            converted.add(new ToolDefinition(f.name(), f.description(), f.parameters()));
        }
        return converted;
    }

    /** A tool's function, checked. */
    static ToolParam.Function function(ToolParam tool, String param) {
        RequestChecks.require(tool != null && (tool.type() == null || tool.type().equals("function")),
                param + ".type", "'" + param + ".type' must be 'function'.");
        ToolParam.Function f = tool.function();
        RequestChecks.require(f != null && f.name() != null && !f.name().isBlank(), param + ".function.name",
                "'" + param + ".function.name' is required.");
        RequestChecks.require(f.parameters() == null || f.parameters().isObject(), param + ".function.parameters",
                "'" + param + ".function.parameters' must be a JSON Schema object.");
        return f;
    }
}

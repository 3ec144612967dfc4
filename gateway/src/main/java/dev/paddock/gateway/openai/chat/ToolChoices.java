package dev.paddock.gateway.openai.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.openai.v1.ToolParam;
import dev.paddock.gateway.openai.RequestChecks;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code tool_choice}: "none" and "auto" generate freely (the tools are still in the prompt);
 * "required" and a named function force a call.
 */
final class ToolChoices {

    private static final String PARAM = "tool_choice";

    private ToolChoices() {
    }

    /** The forced call, or null when the model answers freely. */
    static ToolForcing forcing(JsonNode choice, List<ToolParam> tools) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        List<ToolParam.Function> functions = functions(tools);
        if (choice.isTextual()) {
            return byKeyword(choice.asText(), functions);
        }
        String name = choice.path("function").path("name").asText(null);
        RequestChecks.require(choice.isObject() && "function".equals(choice.path("type").asText()) && name != null,
                PARAM, "'tool_choice' must be none, auto, required or {\"type\":\"function\",\"function\":"
                        + "{\"name\":...}}.");
        ToolParam.Function named = functions.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        RequestChecks.require(named != null, PARAM, "'tool_choice' names function '" + name
                + "', which is not in 'tools'.");
        return new ToolForcing(List.of(named));
    }

    private static ToolForcing byKeyword(String keyword, List<ToolParam.Function> functions) {
        return switch (keyword) {
            case "none", "auto" -> null;
            case "required" -> {
                RequestChecks.require(!functions.isEmpty(), PARAM, "'tool_choice' is required, but no 'tools'"
                        + " were given.");
                yield new ToolForcing(functions);
            }
            default -> throw InferenceException.invalid(PARAM,
                    "'tool_choice' must be none, auto, required or a named function; got '" + keyword + "'.");
        };
    }

    private static List<ToolParam.Function> functions(List<ToolParam> tools) {
        List<ToolParam.Function> functions = new ArrayList<>();
        for (int i = 0; tools != null && i < tools.size(); i++) {
            functions.add(ToolDefinitions.function(tools.get(i), "tools[" + i + "]"));
        }
        return functions;
    }
}

package dev.paddock.worker.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reconciles the two shapes of {@code tool_calls[].function.arguments}: OpenAI clients send a JSON
 * string, most templates (Qwen, Llama 3.1, Mistral) want an object to pipe through {@code tojson},
 * and a few (DeepSeek) concatenate a string. Like llama.cpp, the template is probed once with a
 * needle argument in both shapes; a template that renders only objects gets strings parsed, one
 * that renders only strings gets objects serialized, and one that renders both gets them as given.
 */
final class ToolCallArguments {

    /** What to do with the arguments before rendering. */
    enum Style {
        AS_GIVEN, OBJECTS, STRINGS
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEEDLE_JSON = "{\"argument_needle\": \"print('Hello, World!')\"}";

    private ToolCallArguments() {
    }

    /**
     * @param render renders a message list without tools or generation prompt; may throw
     */
    static Style probe(Function<List<Map<String, Object>>, String> render) {
        boolean strings = rendersNeedle(render, NEEDLE_JSON);
        boolean objects = rendersNeedle(render, parse(NEEDLE_JSON));
        if (objects && !strings) {
            return Style.OBJECTS;
        }
        return strings && !objects ? Style.STRINGS : Style.AS_GIVEN;
    }

    private static boolean rendersNeedle(Function<List<Map<String, Object>>, String> render, Object arguments) {
        Map<String, Object> function = Values.mutableMap("name", "ipython", "arguments", arguments);
        Map<String, Object> call = Values.mutableMap("id", "call00001", "type", "function", "function", function);
        List<Map<String, Object>> messages = List.of(
            Values.mutableMap("role", "user", "content", "Hey"),
            Values.mutableMap("role", "assistant", "content", null, "tool_calls", List.of(call)));
        try {
            String out = render.apply(messages);
            return out.contains("\"argument_needle\":") || out.contains("'argument_needle':");
        } catch (RuntimeException e) {
            // a template that refuses this conversation supports neither shape
            return false;
        }
    }

    /** Rewrites, in place, the arguments of every tool call in {@code messages} to {@code style}. */
    @SuppressWarnings("unchecked")
    static void apply(List<Map<String, Object>> messages, Style style) {
        if (style == Style.AS_GIVEN) {
            return;
        }
        for (Map<String, Object> message : messages) {
            if (!(message.get("tool_calls") instanceof List<?> calls)) {
                continue;
            }
            for (Object call : calls) {
                if (call instanceof Map<?, ?> callMap && callMap.get("function") instanceof Map<?, ?> function) {
                    Map<String, Object> target = (Map<String, Object>) function;
                    Object arguments = target.get("arguments");
                    if (style == Style.OBJECTS && arguments instanceof String text) {
                        Object parsed = parse(text);
                        if (parsed != null) {
                            target.put("arguments", parsed);
                        }
                    } else if (style == Style.STRINGS && arguments instanceof Map<?, ?> object) {
                        target.put("arguments", PythonJson.dumps(object, PythonJson.Options.DEFAULT));
                    }
                }
            }
        }
    }

    /** The JSON value, maps in document order; {@code null} when the text is not JSON. */
    private static Object parse(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}

package dev.paddock.gateway.openai.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.openai.v1.ToolParam;
import java.util.List;
import java.util.Optional;

/**
 * A tool call the model must make ({@code tool_choice} "required" or a named function). The output is
 * constrained by a JSON Schema to {@code {"arguments": <the function's parameters>}} for one function,
 * or to {@code {"name": <one of them>, "arguments": ...}} for several, and parsed back into a call.
 *
 * @param functions the functions the call may be to (one when named)
 */
record ToolForcing(List<ToolParam.Function> functions) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The name of the function called, when it is known before generating. */
    Optional<String> knownName() {
        return functions.size() == 1 ? Optional.of(functions.getFirst().name()) : Optional.empty();
    }

    /** The grammar the output must follow. */
    OutputConstraint constraint() {
        if (functions.size() == 1) {
            return new OutputConstraint.JsonSchema(call(null, functions.getFirst()));
        }
        ArrayNode anyOf = NODES.arrayNode();
        functions.forEach(f -> anyOf.add(call(f.name(), f)));
        return new OutputConstraint.JsonSchema(NODES.objectNode().set("anyOf", anyOf));
    }

    /** The call the output makes, or empty when it is not a complete call (cut by the token limit). */
    Optional<Call> parse(String output) {
        JsonNode node;
        try {
            node = JSON.readTree(output);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.has("arguments")) {
            return Optional.empty();
        }
        String name = knownName().orElse(node.path("name").asText(null));
        boolean offered = functions.stream().anyMatch(f -> f.name().equals(name));
        return offered ? Optional.of(new Call(name, node.get("arguments").toString())) : Optional.empty();
    }

    private static ObjectNode call(String name, ToolParam.Function f) {
        ObjectNode properties = NODES.objectNode();
        ArrayNode required = NODES.arrayNode();
        if (name != null) {
            properties.set("name", NODES.objectNode().put("const", name));
            required.add("name");
        }
        JsonNode parameters = f.parameters() != null ? f.parameters() : NODES.objectNode().put("type", "object");
        properties.set("arguments", parameters);
        required.add("arguments");
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.set("properties", properties);
        schema.set("required", required);
        return schema;
    }

    /**
     * A parsed call.
     *
     * @param name the function
     * @param arguments its arguments as JSON text
     */
    record Call(String name, String arguments) {
    }
}

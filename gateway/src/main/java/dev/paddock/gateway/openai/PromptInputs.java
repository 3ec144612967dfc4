package dev.paddock.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paddock.api.inference.v1.Prompt;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a completion's {@code prompt} or an embedding's {@code input}: a string, an array of strings,
 * an array of token ids, or an array of arrays of token ids. Each becomes one prompt.
 */
public final class PromptInputs {

    private PromptInputs() {
    }

    /** The prompts, in order; fails naming {@code param} for anything else or anything empty. */
    public static List<Prompt> parse(JsonNode value, String param) {
        String shape = "'" + param + "' must be a string, an array of strings, an array of token ids or an array"
                + " of arrays of token ids.";
        RequestChecks.require(value != null && !value.isNull(), param, "You must provide '" + param + "'.");
        if (value.isTextual()) {
            return List.of(text(value, param));
        }
        RequestChecks.require(value.isArray() && !value.isEmpty(), param, shape);
        if (value.get(0).isIntegralNumber()) {
            return List.of(tokens(value, param, shape));
        }
        List<Prompt> prompts = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            RequestChecks.require(item.isTextual() || item.isArray(), param, shape);
            prompts.add(item.isTextual() ? text(item, param) : tokens(item, param, shape));
        }
        return prompts;
    }

    private static Prompt text(JsonNode value, String param) {
        RequestChecks.require(!value.asText().isEmpty(), param, "'" + param + "' must not be an empty string.");
        return new Prompt.Text(value.asText());
    }

    private static Prompt tokens(JsonNode array, String param, String shape) {
        RequestChecks.require(!array.isEmpty(), param, "'" + param + "' must not contain an empty token array.");
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode id = array.get(i);
            RequestChecks.require(id.isIntegralNumber() && id.canConvertToInt() && id.intValue() >= 0, param, shape);
            ids[i] = id.intValue();
        }
        return new Prompt.Tokens(ids);
    }
}

package dev.paddock.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The {@code stop} parameter: null, a string, or an array of up to 4 non-empty strings. */
public final class StopSequences {

    /** Most stop strings OpenAI accepts. */
    public static final int MAX = 4;

    private StopSequences() {
    }

    public static List<String> parse(JsonNode stop) {
        if (stop == null || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(nonEmpty(stop));
        }
        RequestChecks.require(stop.isArray(), "stop", "'stop' must be a string or an array of strings.");
        RequestChecks.require(stop.size() <= MAX, "stop", "'stop' accepts at most " + MAX + " strings.");
        List<String> strings = new ArrayList<>(stop.size());
        for (JsonNode s : stop) {
            RequestChecks.require(s.isTextual(), "stop", "'stop' must be a string or an array of strings.");
            strings.add(nonEmpty(s));
        }
        return strings;
    }

    private static String nonEmpty(JsonNode s) {
        RequestChecks.require(!s.asText().isEmpty(), "stop", "'stop' strings must not be empty.");
        return s.asText();
    }
}

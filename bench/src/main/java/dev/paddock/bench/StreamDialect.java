package dev.paddock.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How one server's streaming answer reads: one call per SSE {@code data:} payload. Kept cheap on the
 * hot path (the load generator shares the machine with the server under test): payloads are only
 * fully parsed when they end the stream or when their text is wanted.
 */
interface StreamDialect {

    /**
     * One event.
     *
     * @param hasText the event carries non-empty generated text (for time to first token)
     * @param text the text when it was asked for, else null
     * @param last the stream ends with this event
     * @param tokens generated tokens the server reports for the whole stream (on the last event), or -1
     * @param serverPerTokenMs the server's own decode time per token (on the last event), or NaN
     */
    record Event(boolean hasText, String text, boolean last, int tokens, double serverPerTokenMs) {
    }

    Event read(String data, boolean wantText);

    /**
     * llama.cpp's native {@code POST /completion} with {@code "stream": true}: every event has
     * {@code content}; the last has {@code "stop": true}, {@code tokens_predicted} and {@code timings}.
     */
    StreamDialect LLAMA_CPP = (data, wantText) -> {
        boolean last = data.contains("\"stop\":true");
        if (!last && !wantText) {
            int i = data.indexOf("\"content\":\"");
            boolean hasText = i >= 0 && data.charAt(i + "\"content\":\"".length()) != '"';
            return new Event(hasText, null, false, -1, Double.NaN);
        }
        JsonNode n = Json.parse(data);
        String text = n.path("content").asText("");
        if (!last) {
            return new Event(!text.isEmpty(), text, false, -1, Double.NaN);
        }
        JsonNode timings = n.path("timings");
        return new Event(!text.isEmpty(), text, true, n.path("tokens_predicted").asInt(-1),
                timings.has("predicted_per_token_ms") ? timings.path("predicted_per_token_ms").asDouble()
                        : Double.NaN);
    };

    /**
     * OpenAI {@code POST /v1/completions} with {@code "stream": true} and
     * {@code "stream_options": {"include_usage": true}}: text in {@code choices[0].text}, usage in the
     * last chunk before {@code [DONE]}. For the "Paddock over HTTP" column (and any OpenAI-compatible
     * server).
     */
    StreamDialect OPENAI_COMPLETIONS = (data, wantText) -> {
        if (data.equals("[DONE]")) {
            return new Event(false, null, true, -1, Double.NaN);
        }
        JsonNode n = Json.parse(data);
        JsonNode choice = n.path("choices").path(0);
        String text = choice.path("text").asText("");
        int tokens = n.path("usage").path("completion_tokens").asInt(-1);
        return new Event(!text.isEmpty(), wantText ? text : null, false, tokens, Double.NaN);
    };
}

package dev.paddock.eval.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.stream.Stream;

/** Reads an OpenAI server-sent event stream into an {@link Answer}, timing the first text and the end. */
final class StreamedAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean chat;
    private final long started;
    private final StringBuilder text = new StringBuilder();
    private long firstText = -1;
    private long tokens = -1;

    StreamedAnswer(boolean chat, long started) {
        this.chat = chat;
        this.started = started;
    }

    Answer read(Stream<String> lines) {
        Iterator<String> it = lines.iterator();
        while (it.hasNext()) {
            String line = it.next();
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                break;
            }
            onChunk(parse(data));
        }
        long end = System.nanoTime();
        double ttft = firstText < 0 ? seconds(end) : seconds(firstText);
        return new Answer(text.toString(), ttft, seconds(end), tokens);
    }

    private void onChunk(JsonNode chunk) {
        if (chunk.has("error")) {
            throw new EndpointException(500, "the stream ended with an error: " + chunk.path("error").path("message").asText());
        }
        JsonNode choice = chunk.path("choices").path(0);
        String delta = chat ? choice.path("delta").path("content").asText("") : choice.path("text").asText("");
        if (!delta.isEmpty()) {
            if (firstText < 0) {
                firstText = System.nanoTime();
            }
            text.append(delta);
        }
        if (chunk.path("usage").has("completion_tokens")) {
            tokens = chunk.path("usage").path("completion_tokens").asLong();
        }
    }

    private double seconds(long at) {
        return (at - started) / 1e9;
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new EndpointException(200, "the stream carried an event that is not JSON: " + data);
        }
    }
}

package dev.paddock.eval.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.GenerationSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An OpenAI-compatible endpoint called over HTTP like any client, every request marked
 * {@code x-paddock-priority: batch} so that evaluations queue behind interactive traffic.
 * Generation is streamed so that time to first token is measured; 429 and 503 are retried.
 */
public class OpenAiEndpoint {

    /** The header that puts a request in the batch priority class. */
    public static final String PRIORITY_HEADER = "x-paddock-priority";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI v1;
    private final Optional<String> apiKey;
    private final Duration timeout;

    /**
     * @param root the server's root (e.g. {@code http://127.0.0.1:8080}); {@code /v1/...} is appended
     * @param apiKey sent as a bearer token when present
     * @param timeout the most one request may take
     */
    public OpenAiEndpoint(URI root, Optional<String> apiKey, Duration timeout) {
        String s = root.toString();
        this.v1 = URI.create((s.endsWith("/") ? s : s + "/") + "v1/");
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    /** The URL of {@code /v1/}. */
    public URI v1() {
        return v1;
    }

    /** Generates an answer to an item's prompt ({@code /v1/completions}) or chat ({@code /v1/chat/completions}). */
    public Answer answer(String model, DatasetItem item, GenerationSettings g) {
        ObjectNode body = generationBody(model, g);
        if (item.messages != null) {
            body.set("messages", JSON.valueToTree(item.messages));
            return stream("chat/completions", body, true);
        }
        body.put("prompt", item.prompt);
        return stream("completions", body, false);
    }

    /** The prompt's tokens with their log-probabilities ({@code echo: true, logprobs: 0, max_tokens: 1}). */
    public PromptLogprobs promptLogprobs(String model, String prompt) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("prompt", prompt).put("echo", true)
                .put("logprobs", 0).put("max_tokens", 1).put("temperature", 0.0);
        JsonNode lp = post("completions", body).path("choices").path(0).path("logprobs");
        if (!lp.path("tokens").isArray() || !lp.path("token_logprobs").isArray() || !lp.path("text_offset").isArray()) {
            return new PromptLogprobs(List.of(), List.of(), List.of());
        }
        List<String> tokens = new ArrayList<>();
        List<Double> logprobs = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < lp.path("tokens").size(); i++) {
            tokens.add(lp.path("tokens").path(i).asText());
            JsonNode v = lp.path("token_logprobs").path(i);
            logprobs.add(v.isNumber() ? v.asDouble() : null);
            offsets.add(lp.path("text_offset").path(i).asInt(-1));
        }
        return new PromptLogprobs(tokens, logprobs, offsets);
    }

    /** The embedding of a text ({@code /v1/embeddings}). */
    public double[] embed(String model, String text) {
        JsonNode v = post("embeddings", JSON.createObjectNode().put("model", model).put("input", text))
                .path("data").path(0).path("embedding");
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.path(i).asDouble();
        }
        return out;
    }

    /** A non-streamed chat answer's text (the judge's verdict). */
    public String chatText(String model, List<DatasetItem.Message> messages, int maxTokens) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens).put("temperature", 0.0);
        body.set("messages", JSON.valueToTree(messages));
        return post("chat/completions", body).path("choices").path(0).path("message").path("content").asText("");
    }

    private ObjectNode generationBody(String model, GenerationSettings g) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", g.maxTokens)
                .put("temperature", g.temperature).put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (g.stop != null && !g.stop.isEmpty()) {
            body.set("stop", JSON.valueToTree(g.stop));
        }
        return body;
    }

    private Answer stream(String path, ObjectNode body, boolean chat) {
        return withRetries(() -> {
            long t0 = System.nanoTime();
            HttpResponse<Stream<String>> r = send(path, body, HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() / 100 != 2) {
                throw failure(r.statusCode(), String.join("\n", r.body().toList()));
            }
            return new StreamedAnswer(chat, t0).read(r.body());
        });
    }

    private JsonNode post(String path, ObjectNode body) {
        return withRetries(() -> {
            HttpResponse<String> r = send(path, body, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw failure(r.statusCode(), r.body());
            }
            try {
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new EndpointException(r.statusCode(), v1 + path + " answered with something that is not JSON");
            }
        });
    }

    private <T> HttpResponse<T> send(String path, ObjectNode body, HttpResponse.BodyHandler<T> handler) {
        HttpRequest.Builder b = HttpRequest.newBuilder(v1.resolve(path)).timeout(timeout)
                .header("content-type", "application/json").header(PRIORITY_HEADER, "batch")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        apiKey.ifPresent(k -> b.header("authorization", "Bearer " + k));
        try {
            return http.send(b.build(), handler);
        } catch (IOException e) {
            throw new EndpointException(0, "cannot reach " + v1 + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(0, "interrupted");
        }
    }

    private EndpointException failure(int status, String body) {
        String message = body;
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.has("message")) {
                message = error.path("message").asText();
            }
        } catch (IOException e) {
            // not an OpenAI error body: show it as it came
        }
        return new EndpointException(status, "HTTP " + status + " from " + v1 + ": " + message);
    }

    private static <T> T withRetries(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (EndpointException e) {
                if (!e.retryable() || attempt == ATTEMPTS) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(250L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EndpointException(0, "interrupted");
        }
    }
}

package dev.paddock.eval.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A small OpenAI-compatible endpoint that streams fixed answers to {@code /v1/completions}: model
 * {@code good} knows the capitals, model {@code bad} never does. The eval service's in-cluster path
 * calls a gateway no test here can run (no cluster), so the reconciler's tests run against this.
 */
public class QuizEndpoint implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> CAPITALS = Map.of("Capital of France?", "Paris",
            "Capital of Italy?", "Rome", "Capital of Spain?", "Madrid");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/completions", QuizEndpoint::answer);
        server.start();
        return Map.of("paddock.eval.gateway-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        String model = request.path("model").asText();
        String text = model.equals("good") ? CAPITALS.getOrDefault(request.path("prompt").asText(), "?") : "no idea";
        exchange.getResponseHeaders().add("content-type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(("data: " + JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
                    JSON.createObjectNode().put("index", 0).put("text", text))) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1}}\n\ndata: [DONE]\n\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }
}

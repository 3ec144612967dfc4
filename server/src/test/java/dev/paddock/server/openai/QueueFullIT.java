package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.STORIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With 4 slots and 2 queue places (the test profile), a burst of long requests overflows the queue:
 * the overflow is answered 429 with Retry-After and OpenAI's rate limit envelope, the rest succeed.
 */
@QuarkusTest
class QueueFullIT {

    private static final int BURST = 24;

    @TestHTTPResource("/v1/completions")
    URL completions;

    @BeforeEach
    void modelsLoaded() {
        ServedModels.awaitReady();
    }

    @Test
    void overflowIsAnswered429WithRetryAfter() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(completions.toString()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"" + STORIES + "\",\"prompt\":\"Once\",\"ignore_eos\":true}"))
                .build();

        List<CompletableFuture<HttpResponse<String>>> sent = IntStream.range(0, BURST)
                .mapToObj(i -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())).toList();
        List<HttpResponse<String>> responses = sent.stream().map(CompletableFuture::join).toList();

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200, 429).contains(200, 429);
        HttpResponse<String> refused = responses.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode error = new ObjectMapper().readTree(refused.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
    }
}

package dev.paddock.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * In one process, with two engine slots, batch requests ({@code x-paddock-priority: batch}) take only one of them:
 * the other is kept for interactive requests, unless {@code paddock.server.interactive-slots=0}. Each class waits in
 * its own line of {@code maxQueued}: a full batch line answers batch requests 429, never interactive ones.
 */
class InteractiveSlotsIT {

    private static final String MODEL = "stories260k";
    private static final int LONG = 16_000;

    @Test
    void batchRequestsLeaveOneOfTwoSlotsToAnInteractiveRequest() throws Exception {
        try (ServerProcess server = ServerProcess.start(ServerProcess.storiesOnly(4096, 2)).awaitReady()) {
            OpenAIClient client = ServedModels.client(server.root().resolve("/v1").toURL());
            try (StreamResponse<Completion> first = client.completions().createStreaming(batch(4000))) {
                first.stream().findFirst();
                CompletableFuture<Completion> second = CompletableFuture.supplyAsync(
                        () -> client.completions().create(batch(20)), r -> Thread.ofVirtual().start(r));
                awaitSlots(server, 1, 1);

                Completion answer = client.completions().create(CompletionCreateParams.builder().model(MODEL)
                        .prompt("Once upon a time").maxTokens(8L)
                        .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build());

                assertThat(answer.usage().orElseThrow().completionTokens()).isEqualTo(8);
                assertThat(second).as("the second batch request still waits for the batch slot").isNotDone();
                assertThat(running(server)).isEqualTo(1);
                first.close(); // the disconnect frees the batch slot
                assertThat(second.get(60, TimeUnit.SECONDS).usage().orElseThrow().completionTokens()).isEqualTo(20);
            }
        }
    }

    @Test
    void withNoInteractiveSlotsBatchRequestsTakeEverySlot() throws Exception {
        try (ServerProcess server = ServerProcess.start(ServerProcess.storiesOnly(4096, 2),
                "paddock.server.interactive-slots=0").awaitReady()) {
            OpenAIClient client = ServedModels.client(server.root().resolve("/v1").toURL());
            try (StreamResponse<Completion> first = client.completions().createStreaming(batch(4000));
                    StreamResponse<Completion> second = client.completions().createStreaming(batch(4000))) {
                first.stream().findFirst();
                second.stream().findFirst();
                awaitSlots(server, 2, 0);
            }
        }
    }

    @Test
    void aFullBatchQueueAnswersBatchRequests429WhileInteractiveRequestsStillQueueAndAreServed() throws Exception {
        // long generations, so both streams still run through every step below; closing them ends them
        try (ServerProcess server = ServerProcess.start(ServerProcess.storiesOnly(LONG + 64, 2),
                "paddock.server.max-queued=1").awaitReady()) {
            OpenAIClient client = ServedModels.client(server.root().resolve("/v1").toURL());
            try (StreamResponse<Completion> runningBatch = client.completions().createStreaming(batch(LONG))) {
                runningBatch.stream().findFirst();
                CompletableFuture<Completion> queuedBatch = inBackground(() -> client.completions().create(batch(20)));
                awaitSlots(server, 1, 1);

                HttpResponse<String> refused = post(server, "batch");

                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
                assertRateLimited(refused, "batch queue is full");
                try (StreamResponse<Completion> runningInteractive = client.completions().createStreaming(
                        interactive(LONG))) {
                    runningInteractive.stream().findFirst();
                    // both slots taken and the batch line full: an interactive request still waits in its own line
                    CompletableFuture<Completion> queuedInteractive = inBackground(() -> client.completions()
                            .create(interactive(8)));
                    awaitSlots(server, 2, 2);
                    HttpResponse<String> overInteractiveLimit = post(server, "interactive");
                    assertThat(overInteractiveLimit.statusCode()).as(overInteractiveLimit.body()).isEqualTo(429);
                    assertRateLimited(overInteractiveLimit, "interactive queue is full");

                    runningInteractive.close(); // frees the kept slot: the queued interactive request takes it
                    assertThat(queuedInteractive.get(60, TimeUnit.SECONDS).usage().orElseThrow().completionTokens())
                            .isEqualTo(8);
                }
                assertThat(queuedBatch).as("the queued batch request still waits for the batch slot").isNotDone();
                runningBatch.close();
                assertThat(queuedBatch.get(60, TimeUnit.SECONDS).usage().orElseThrow().completionTokens())
                        .isEqualTo(20);
            }
        }
    }

    private static CompletionCreateParams interactive(long maxTokens) {
        return CompletionCreateParams.builder().model(MODEL).prompt("Once upon a time").maxTokens(maxTokens)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build();
    }

    private static <T> CompletableFuture<T> inBackground(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, r -> Thread.ofVirtual().start(r));
    }

    private static HttpResponse<String> post(ServerProcess server, String priority) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(server.root().resolve("/v1/completions"))
                    .header("Content-Type", "application/json").header("x-paddock-priority", priority)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                            + "\",\"prompt\":\"Once\",\"max_tokens\":4}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void assertRateLimited(HttpResponse<String> response, String message) throws Exception {
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        JsonNode error = new ObjectMapper().readTree(response.body()).path("error");
        assertThat(error.path("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asText()).contains(message);
    }

    private static CompletionCreateParams batch(long maxTokens) {
        return CompletionCreateParams.builder().model(MODEL).prompt("Once upon a time").maxTokens(maxTokens)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true))
                .putAdditionalHeader("x-paddock-priority", "batch").build();
    }

    private static void awaitSlots(ServerProcess server, int running, int waiting) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String text = PrometheusText.scrape(server.root());
            assertThat(PrometheusText.valueIn(text, "paddock_requests_running", "model=\"" + MODEL + "\""))
                    .isEqualTo(running);
            assertThat(PrometheusText.valueIn(text, "paddock_requests_waiting", "model=\"" + MODEL + "\""))
                    .isEqualTo(waiting);
        });
    }

    private static double running(ServerProcess server) {
        return PrometheusText.valueIn(PrometheusText.scrape(server.root()), "paddock_requests_running",
                "model=\"" + MODEL + "\"");
    }
}

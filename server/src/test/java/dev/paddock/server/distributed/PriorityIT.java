package dev.paddock.server.distributed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.errors.RateLimitException;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import dev.paddock.server.openai.ServerProcess;
import io.restassured.response.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Priority classes and backpressure over the real broker: one worker with two slots (one takes batch work,
 * the other is kept for interactive work), a gateway with an interactive key and a batch key, and at most
 * three batch requests of the model queued (unstarted) at the gateway. Clients are the OpenAI SDK.
 */
class PriorityIT {

    private static final String MODEL = "stories260k";
    private static final String INTERACTIVE_KEY = "interactive-key";
    private static final String BATCH_KEY = "batch-key";
    private static final int BATCH_LIMIT = 3;

    private static Topology topology;
    private static OpenAIClient interactive;
    private static OpenAIClient batch;

    @BeforeAll
    static void start() throws IOException {
        topology = Topology.start(1, ServerProcess.storiesOnly(4096, 2));
        topology.startGateway("paddock.gateway.api-keys=" + INTERACTIVE_KEY,
                "paddock.gateway.batch-api-keys=" + BATCH_KEY, "paddock.routing.max-queued-batch=" + BATCH_LIMIT);
        interactive = client(INTERACTIVE_KEY);
        batch = client(BATCH_KEY);
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void interactiveRequestsStartBeforeTheBatchBacklogAndAFullBatchQueueRefusesOnlyBatch() throws Exception {
        List<TimedStream> backlog = new ArrayList<>();
        try {
            backlog.add(TimedStream.start(batch, longStory()));
            assertThat(backlog.getFirst().awaitFirstText(90)).as("the first batch request runs").isTrue();
            for (int i = 1; i <= BATCH_LIMIT; i++) {
                backlog.add(TimedStream.start(batch, longStory()));
                int queued = i;
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(gatewayMetric("paddock_queue_depth", "class=\"batch\"")).isEqualTo(queued));
            }
            assertThatThrownBy(() -> batch.completions().create(shortStory()))
                    .as("the batch queue is at its limit").isInstanceOf(RateLimitException.class);
            Response refused = post(BATCH_KEY);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotBlank();
            double interactiveBefore = workerMetric("class=\"interactive\"");

            List<TimedStream> urgent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                urgent.add(TimedStream.start(interactive, shortStory()));
            }
            CompletableFuture.allOf(urgent.stream().map(TimedStream::ended).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);

            long lastInteractiveStart = urgent.stream().mapToLong(TimedStream::firstTextAt).max().orElseThrow();
            for (TimedStream queued : backlog.subList(1, backlog.size())) {
                assertThat(queued.firstTextAt()).as("a batch request queued before the interactive ones started after"
                        + " them").isGreaterThan(lastInteractiveStart);
            }
            assertThat(workerMetric("class=\"interactive\"") - interactiveBefore).isEqualTo(3);
        } finally {
            backlog.forEach(TimedStream::close);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(gatewayMetric("paddock_queue_depth", "class=\"batch\"")).isZero());
    }

    @Test
    void aBatchKeyMakesItsRequestsBatchUnlessTheHeaderSaysOtherwise() throws Exception {
        double batchBefore = gatewayMetric("paddock_queue_time_seconds_count", "class=\"batch\"");
        double interactiveBefore = gatewayMetric("paddock_queue_time_seconds_count", "class=\"interactive\"");

        Completion byKey = batch.completions().create(shortStory());
        Completion overridden = batch.completions().create(shortStory().toBuilder()
                .putAdditionalHeader("x-paddock-priority", "interactive").build());
        Completion plain = interactive.completions().create(shortStory());

        assertThat(List.of(byKey, overridden, plain)).allSatisfy(c -> assertThat(c.choices().getFirst().text())
                .isNotEmpty());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(gatewayMetric("paddock_queue_time_seconds_count", "class=\"batch\"")).isEqualTo(batchBefore + 1);
            assertThat(gatewayMetric("paddock_queue_time_seconds_count", "class=\"interactive\""))
                    .isEqualTo(interactiveBefore + 2);
        });
    }

    @Test
    void aBatchStreamComesInFewerLargerChunksWithTheSameTokensAsAnInteractiveOne() {
        CompletionCreateParams params = CompletionCreateParams.builder().model(MODEL).prompt("Once upon a time")
                .maxTokens(64L).temperature(0.0).logprobs(1L)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build();
        Streamed alone = stream(interactive, params);
        Streamed gathered = stream(batch, params);

        assertThat(gathered.text()).isEqualTo(alone.text());
        assertThat(gathered.tokens()).isEqualTo(alone.tokens()).hasSize(64);
        assertThat(gathered.completionTokens()).isEqualTo(alone.completionTokens()).isEqualTo(64);
        assertThat(alone.textChunks()).as("an interactive stream sends its tokens as they come").isGreaterThan(32);
        assertThat(gathered.textChunks()).as("a batch stream gathers its tokens (paddock.distributed"
                + ".batch-stream-interval, 50 ms)").isLessThan(alone.textChunks() / 2);
    }

    /** A streamed completion: its text, the tokens of its log-probabilities, usage and how many chunks had text. */
    private record Streamed(String text, List<String> tokens, long completionTokens, int textChunks) {
    }

    private static Streamed stream(OpenAIClient client, CompletionCreateParams params) {
        StringBuilder text = new StringBuilder();
        List<String> tokens = new ArrayList<>();
        long[] usage = {-1};
        int chunks = 0;
        try (StreamResponse<Completion> stream = client.completions().createStreaming(params.toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            for (Completion c : (Iterable<Completion>) stream.stream()::iterator) {
                c.usage().ifPresent(u -> usage[0] = u.completionTokens());
                for (var choice : c.choices()) {
                    if (!choice.text().isEmpty()) {
                        chunks++;
                        text.append(choice.text());
                    }
                    choice.logprobs().flatMap(l -> l.tokens()).ifPresent(tokens::addAll);
                }
            }
        }
        return new Streamed(text.toString(), tokens, usage[0], chunks);
    }

    private static CompletionCreateParams longStory() {
        return CompletionCreateParams.builder().model(MODEL).prompt("Once upon a time").maxTokens(4000L)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build();
    }

    private static CompletionCreateParams shortStory() {
        return CompletionCreateParams.builder().model(MODEL).prompt("Once").maxTokens(8L).build();
    }

    private static Response post(String key) {
        return given().baseUri(topology.gateway().root().toString()).contentType("application/json")
                .header("Authorization", "Bearer " + key)
                .body("{\"model\":\"" + MODEL + "\",\"prompt\":\"Once\",\"max_tokens\":3}").post("/v1/completions");
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(topology.v1().toString()).apiKey(key).maxRetries(0).build();
    }

    private static double gatewayMetric(String name, String label) {
        return metric(topology.gateway(), name, label);
    }

    private static double workerMetric(String label) {
        return metric(topology.workers().getFirst(), "paddock_taken_requests_total", label);
    }

    private static double metric(ServerProcess process, String name, String label) {
        String text = given().baseUri(process.root().toString()).accept("text/plain").get("/metrics").asString();
        return text.lines().filter(l -> l.startsWith(name + "{") && l.contains(label)
                && l.contains("model=\"" + MODEL + "\"")).mapToDouble(l -> Double.parseDouble(
                        l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}

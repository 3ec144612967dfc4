package dev.paddock.server.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.paddock.server.openai.PrometheusText;
import dev.paddock.server.openai.ServerProcess;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The distributed topology end to end, each part its own process: a Kafka broker, a gateway and two
 * workers, driven by the official OpenAI Java SDK against the gateway.
 */
class DistributedServingIT {

    private static Topology topology;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        topology = Topology.start(2);
        topology.startGateway();
        client = topology.client();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void chatCompletionComesBackFromAWorker() {
        ChatCompletion c = client.chat().completions().create(chat(8));

        assertThat(c.model()).isEqualTo("stories260k");
        assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(8);
    }

    @Test
    void streamedChatGivesTheSameTextAsTheUnstreamedOneForTheSameSeed() {
        String whole = client.chat().completions().create(chat(12)).choices().getFirst().message().content()
                .orElseThrow();
        StringBuilder streamed = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat(12))) {
            stream.stream().flatMap(chunk -> chunk.choices().stream())
                    .forEach(choice -> choice.delta().content().ifPresent(streamed::append));
        }

        assertThat(streamed.toString()).isEqualTo(whole);
    }

    @Test
    void completionsAndEmbeddingsAreServed() {
        Completion c = client.completions().create(CompletionCreateParams.builder().model("stories260k")
                .prompt("Once upon a time").maxTokens(5L).build());
        CreateEmbeddingResponse e = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("all-minilm-l6-v2").inputOfArrayOfStrings(List.of("a cat", "a dog")).build());

        assertThat(c.choices().getFirst().text()).isNotEmpty();
        assertThat(c.usage().orElseThrow().completionTokens()).isBetween(1L, 5L);
        assertThat(e.data()).hasSize(2);
        assertThat(e.data().getFirst().embedding()).hasSize(384);
    }

    @Test
    void requestsAreSpreadOverBothWorkers() {
        // the second worker's partitions come to it when the group has rebalanced, shortly after it started
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            IntStream.range(0, 16).parallel().forEach(i -> client.completions().create(CompletionCreateParams
                    .builder().model("stories260k").prompt("Once").maxTokens(2L).build()));
            for (ServerProcess w : topology.workers()) {
                assertThat(takenBy(w)).as("requests taken by " + w.root()).isPositive();
            }
        });
    }

    @Test
    void refusalsKeepTheirStatusAndEnvelopeAcrossTheTransport() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("hi").build())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.chat().completions().create(chat(100_000)))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).hasValue("context_length_exceeded");
                    assertThat(e.param()).hasValue("max_tokens");
                });
    }

    @Test
    void batchPriorityHeaderSendsTheRequestThroughTheBatchQueue() {
        double before = gatewayMetric("paddock_queue_time_seconds_count", "class=\"batch\"");

        Completion c = client.completions().create(CompletionCreateParams.builder().model("stories260k")
                .prompt("Once").maxTokens(3L).putAdditionalHeader("x-paddock-priority", "batch").build());

        assertThat(c.choices().getFirst().text()).isNotEmpty();
        assertThat(gatewayMetric("paddock_queue_time_seconds_count", "class=\"batch\"")).isEqualTo(before + 1);
        assertThatThrownBy(() -> client.completions().create(CompletionCreateParams.builder().model("stories260k")
                .prompt("Once").maxTokens(3L).putAdditionalHeader("x-paddock-priority", "urgent").build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.param()).hasValue("x-paddock-priority"));
    }

    @Test
    void finishedAndCancelledRequestsLeaveNoPendingRequestNorTimerAtTheGateway() {
        // 450 tokens (the context is 512) take far longer than one scrape after the first chunk
        try (StreamResponse<ChatCompletionChunk> running = client.chat().completions().createStreaming(chat(450))) {
            running.stream().findFirst();
            String during = PrometheusText.scrape(topology.gateway().root());
            assertThat(PrometheusText.valueIn(during, "paddock_gateway_pending_requests")).isPositive();
            assertThat(PrometheusText.valueIn(during, "paddock_gateway_request_timers")).isPositive();
        } // the client goes away mid-stream: the gateway cancels the request
        IntStream.range(0, 8).parallel().forEach(i -> client.completions().create(CompletionCreateParams.builder()
                .model("stories260k").prompt("Once").maxTokens(3L).build()));
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(chat(4))) {
            assertThat(stream.stream().count()).isPositive();
        }
        client.embeddings().create(EmbeddingCreateParams.builder().model("all-minilm-l6-v2")
                .inputOfArrayOfStrings(List.of("a cat")).build());

        // each request would otherwise hold its deadline timer (and with it the request) for the request timeout
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String after = PrometheusText.scrape(topology.gateway().root());
            assertThat(PrometheusText.valueIn(after, "paddock_gateway_pending_requests")).isZero();
            assertThat(PrometheusText.valueIn(after, "paddock_gateway_request_timers")).isZero();
        });
    }

    @Test
    void modelsListsWhatTheWorkersAnnounce() {
        assertThat(client.models().list().data()).extracting(m -> m.id())
                .containsExactlyInAnyOrder("stories260k", "all-minilm-l6-v2");
    }

    private static ChatCompletionCreateParams chat(long tokens) {
        return ChatCompletionCreateParams.builder().model("stories260k").addUserMessage("Once upon a time")
                .maxCompletionTokens(tokens).seed(7).putAdditionalBodyProperty("ignore_eos", JsonValue.from(true))
                .build();
    }

    private static double gatewayMetric(String name, String label) {
        String metrics = RestAssured.given().baseUri(topology.gateway().root().toString()).accept("text/plain")
                .get("/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double takenBy(ServerProcess worker) {
        String metrics = RestAssured.given().baseUri(worker.root().toString()).accept("text/plain")
                .get("/metrics").asString();
        return metrics.lines().filter(l -> l.startsWith("paddock_taken_requests_total{")
                && l.contains("model=\"stories260k\"")).mapToDouble(l -> Double.parseDouble(l.substring(
                        l.lastIndexOf(' ') + 1))).sum();
    }
}

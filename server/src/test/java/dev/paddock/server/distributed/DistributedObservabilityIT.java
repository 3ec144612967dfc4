package dev.paddock.server.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.paddock.server.distributed.OtlpReceiver.ReceivedSpan;
import dev.paddock.server.openai.PrometheusText;
import dev.paddock.testing.TestModels;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Traces and metrics across the distributed topology, each part its own process: a Kafka broker, a
 * gateway and a worker with one slot, both exporting OTLP/HTTP to a receiver in the test. The client
 * sends its own {@code traceparent}, so the spans of its request can be found by trace id; metrics are
 * scraped from each process's {@code /metrics} after real traffic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributedObservabilityIT {

    private static final String MODEL = "stories260k";
    private static final String OF_MODEL = "model=\"" + MODEL + "\"";
    private static final String OF_MODEL_NAME = "model_name=\"" + MODEL + "\"";
    private static final String INTERACTIVE = "class=\"interactive\"";
    private static final String GATEWAY = "paddock-gateway";
    private static final String WORKER = "paddock-worker";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static OtlpReceiver receiver;
    private static Topology topology;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        receiver = OtlpReceiver.start();
        Path config = Files.createTempFile("paddock-", ".yaml");
        // one slot, and context enough for a generation that lasts while the test looks at it
        Files.writeString(config, "models:\n  - name: " + MODEL + "\n    source: " + TestModels.stories260K()
                + "\n    contextSize: 16384\n    parallel: 1\n");
        List<String> worker = new ArrayList<>(List.of(tracing()));
        worker.add("paddock.server.config=" + config);
        topology = Topology.start(1, worker.toArray(String[]::new));
        topology.startGateway(tracing());
        client = topology.client();
    }

    @AfterAll
    static void stop() {
        if (topology != null) {
            topology.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aChatCompletionIsOneTraceFromTheGatewayThroughKafkaToTheWorker() {
        String traceId = hex(16);
        String clientSpan = hex(8);

        ChatCompletion c = client.chat().completions().create(chat(6).toBuilder()
                .putAdditionalHeader("traceparent", "00-" + traceId + "-" + clientSpan + "-01").build());

        CompletionUsage usage = c.usage().orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> trace = receiver.trace(traceId);
            ReceivedSpan http = one(trace, GATEWAY, SpanKind.SPAN_KIND_SERVER);
            ReceivedSpan publish = one(trace, GATEWAY, SpanKind.SPAN_KIND_PRODUCER);
            ReceivedSpan process = one(trace, WORKER, SpanKind.SPAN_KIND_CONSUMER);
            ReceivedSpan generation = one(trace, WORKER, SpanKind.SPAN_KIND_INTERNAL);

            assertThat(http.parentSpanId()).isEqualTo(clientSpan);
            assertThat(publish.parentSpanId()).isEqualTo(http.spanId());
            assertThat(process.parentSpanId()).isEqualTo(publish.spanId());
            assertThat(generation.parentSpanId()).isEqualTo(process.spanId());

            assertThat(publish.span().getName()).isEqualTo("send paddock.requests.stories260k");
            assertThat(publish.attribute("messaging.destination.name")).isEqualTo("paddock.requests.stories260k");
            assertThat(process.attribute("messaging.consumer.group.name")).isEqualTo("paddock.workers.stories260k");
            assertThat(generation.attribute("gen_ai.request.model")).isEqualTo("stories260k");
            assertThat(generation.attribute("paddock.priority")).isEqualTo("interactive");
            assertThat(generation.attribute("gen_ai.usage.input_tokens")).isEqualTo(
                    Long.toString(usage.promptTokens()));
            assertThat(generation.attribute("gen_ai.usage.output_tokens")).isEqualTo("6");
            assertThat(Long.parseLong(generation.attribute("paddock.queue.time_ms"))).isNotNegative();
        });
    }

    @Test
    void healthProbesAndMetricsScrapesMakeNoSpans() {
        // the topology's start polled /health/ready of both processes, and the other tests scrape /metrics
        PrometheusText.scrape(topology.gateway().root());
        client.chat().completions().create(chat(2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.spans())
                .anySatisfy(s -> assertThat(s.span().getName()).contains("/v1/chat/completions")));
        assertThat(receiver.spans()).extracting(s -> s.span().getName())
                .noneMatch(name -> name.contains("/health") || name.contains("/metrics"));
    }

    @Test
    void theSpansOfARequestNestInTime() {
        String traceId = hex(16);

        client.chat().completions().create(chat(4).toBuilder()
                .putAdditionalHeader("traceparent", "00-" + traceId + "-" + hex(8) + "-01").build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> trace = receiver.trace(traceId);
            var http = one(trace, GATEWAY, SpanKind.SPAN_KIND_SERVER).span();
            var process = one(trace, WORKER, SpanKind.SPAN_KIND_CONSUMER).span();
            var generation = one(trace, WORKER, SpanKind.SPAN_KIND_INTERNAL).span();
            // one machine, one clock: the worker's work lies within the gateway's HTTP span
            assertThat(process.getStartTimeUnixNano()).isBetween(http.getStartTimeUnixNano(),
                    http.getEndTimeUnixNano());
            assertThat(generation.getStartTimeUnixNano()).isGreaterThanOrEqualTo(process.getStartTimeUnixNano());
            assertThat(generation.getEndTimeUnixNano()).isLessThanOrEqualTo(http.getEndTimeUnixNano());
        });
    }

    @Test
    void aRunningGenerationShowsInTheVllmGaugesAndTheKvCacheAndARequestBehindItInTheQueue() throws Exception {
        double queuedBefore = gateway("paddock_queue_time_seconds_count", OF_MODEL, INTERACTIVE);
        double cancelledAtGateway = gateway("paddock_cancelled_requests_total", OF_MODEL, INTERACTIVE);
        double cancelledAtWorker = worker("paddock_cancelled_requests_total", OF_MODEL, INTERACTIVE);
        try (StreamResponse<ChatCompletionChunk> running = client.chat().completions().createStreaming(chat(16000))) {
            running.stream().filter(c -> !c.choices().isEmpty()).findFirst().orElseThrow();
            await().untilAsserted(() -> {
                String page = PrometheusText.scrape(topology.workers().getFirst().root());
                assertThat(PrometheusText.valueIn(page, "vllm:num_requests_running", OF_MODEL_NAME)).isEqualTo(1);
                assertThat(PrometheusText.valueIn(page, "paddock_requests_running", OF_MODEL)).isEqualTo(1);
                double used = PrometheusText.valueIn(page, "paddock_kv_cache_used_cells", OF_MODEL);
                double cells = PrometheusText.valueIn(page, "paddock_kv_cache_cells", OF_MODEL);
                assertThat(used).isGreaterThan(10);
                assertThat(cells).isGreaterThanOrEqualTo(16384);
                assertThat(PrometheusText.valueIn(page, "vllm:gpu_cache_usage_perc", OF_MODEL_NAME))
                        .isEqualTo(used / cells);
                assertThat(PrometheusText.valueIn(page, "paddock_kv_cache_usage_ratio", OF_MODEL))
                        .isEqualTo(used / cells);
            });
            CompletableFuture<Completion> behind = CompletableFuture.supplyAsync(() -> client.completions().create(
                    CompletionCreateParams.builder().model(MODEL).prompt("Once").maxTokens(3L).build()));
            // the worker's only slot is busy: the second request waits in Kafka, not in the engine
            await().untilAsserted(() -> assertThat(gateway("paddock_queue_depth", OF_MODEL, INTERACTIVE))
                    .isEqualTo(1));
            assertThat(worker("vllm:num_requests_waiting", OF_MODEL_NAME)).isZero();
            assertThat(gateway("paddock_queue_depth", OF_MODEL, "class=\"batch\"")).isZero();
            running.close();
            assertThat(behind.get(60, TimeUnit.SECONDS).choices()).hasSize(1);
        }
        await().untilAsserted(() -> {
            assertThat(gateway("paddock_cancelled_requests_total", OF_MODEL, INTERACTIVE))
                    .isEqualTo(cancelledAtGateway + 1);
            assertThat(worker("paddock_cancelled_requests_total", OF_MODEL, INTERACTIVE)).isEqualTo(cancelledAtWorker + 1);
            assertThat(worker("vllm:num_requests_running", OF_MODEL_NAME)).isZero();
        });
        assertThat(gateway("paddock_queue_depth", OF_MODEL, INTERACTIVE)).isZero();
        double queued = gateway("paddock_queue_time_seconds_count", OF_MODEL, INTERACTIVE);
        assertThat(queued).isEqualTo(queuedBefore + 2);
        assertThat(gateway("paddock_queue_time_seconds_bucket", OF_MODEL, INTERACTIVE, "le=\"+Inf\""))
                .isEqualTo(queued);
        // the request behind waited for the cancellation: longer than the 1 ms bucket
        assertThat(gateway("paddock_queue_time_seconds_bucket", OF_MODEL, INTERACTIVE, "le=\"0.001\""))
                .isLessThan(queued);
    }

    @Test
    void afterARequestTheWorkersOnlySlotHoldsItsPromptAndGeneratedTokens() {
        ChatCompletion c = client.chat().completions().create(chat(20));

        CompletionUsage usage = c.usage().orElseThrow();
        // the last token is sampled, never decoded: it has no cell
        await().untilAsserted(() -> assertThat(worker("paddock_kv_cache_used_cells", OF_MODEL))
                .isEqualTo(usage.promptTokens() + usage.completionTokens() - 1));
    }

    @Test
    void eachSideCountsTheOneReplyStreamBetweenThem() {
        client.chat().completions().create(chat(2));

        assertThat(gateway("paddock_grpc_streams_open")).isEqualTo(1);
        assertThat(worker("paddock_grpc_streams_open")).isEqualTo(1);
    }

    @Test
    @Order(Integer.MAX_VALUE) // stops the worker
    void theReplyStreamIsASpanInTheTraceOfTheRequestThatOpenedIt() {
        client.chat().completions().create(chat(2));

        topology.workers().getFirst().close(); // a graceful stop closes the worker's reply stream

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ReceivedSpan> streams = receiver.spans().stream().filter(s -> s.service().equals(GATEWAY)
                    && s.span().getName().equals("paddock.inference.v1.Replies/Connect")).toList();
            assertThat(streams).hasSize(1);
            ReceivedSpan stream = streams.getFirst();
            assertThat(stream.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_SERVER);
            assertThat(stream.attribute("rpc.system")).isEqualTo("grpc");
            assertThat(stream.attribute("rpc.method")).isEqualTo("Connect");
            ReceivedSpan opener = receiver.trace(stream.traceId()).stream()
                    .filter(s -> s.spanId().equals(stream.parentSpanId())).findFirst().orElseThrow();
            assertThat(opener.service()).isEqualTo(WORKER);
            assertThat(opener.span().getKind()).isEqualTo(SpanKind.SPAN_KIND_CONSUMER);
        });
    }

    private static double gateway(String name, String... labels) {
        return PrometheusText.valueIn(PrometheusText.scrape(topology.gateway().root()), name, labels);
    }

    private static double worker(String name, String... labels) {
        return PrometheusText.valueIn(PrometheusText.scrape(topology.workers().getFirst().root()), name, labels);
    }

    private static ReceivedSpan one(List<ReceivedSpan> trace, String service, SpanKind kind) {
        List<ReceivedSpan> found = trace.stream().filter(s -> s.service().equals(service)
                && s.span().getKind() == kind).toList();
        assertThat(found).as(kind + " spans of " + service + " in " + trace).hasSize(1);
        return found.getFirst();
    }

    /** Each process's service name is its role's ({@code paddock-gateway}, {@code paddock-worker}) by default. */
    private static String[] tracing() {
        return new String[] { "quarkus.otel.exporter.otlp.endpoint=" + receiver.endpoint(),
            "quarkus.otel.exporter.otlp.protocol=http/protobuf", "quarkus.otel.bsp.schedule.delay=50ms" };
    }

    private static ChatCompletionCreateParams chat(long tokens) {
        return ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("Once upon a time")
                .maxCompletionTokens(tokens).putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

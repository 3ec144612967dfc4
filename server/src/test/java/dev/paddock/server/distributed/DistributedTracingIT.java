package dev.paddock.server.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.paddock.server.distributed.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces across the distributed topology, each part its own process: a Kafka broker, a gateway and a
 * worker, both exporting OTLP/HTTP to a receiver in the test. The client sends its own
 * {@code traceparent}, so the spans of its request can be found by trace id.
 */
class DistributedTracingIT {

    private static final String GATEWAY = "paddock-gateway";
    private static final String WORKER = "paddock-worker";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static OtlpReceiver receiver;
    private static Topology topology;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        receiver = OtlpReceiver.start();
        topology = Topology.start(1, tracing(WORKER));
        topology.startGateway(tracing(GATEWAY));
        client = OpenAIOkHttpClient.builder().baseUrl(topology.v1().toString()).apiKey("not-checked")
                .maxRetries(0).build();
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

    private static ReceivedSpan one(List<ReceivedSpan> trace, String service, SpanKind kind) {
        List<ReceivedSpan> found = trace.stream().filter(s -> s.service().equals(service)
                && s.span().getKind() == kind).toList();
        assertThat(found).as(kind + " spans of " + service + " in " + trace).hasSize(1);
        return found.getFirst();
    }

    private static String[] tracing(String service) {
        return new String[] { "quarkus.otel.exporter.otlp.endpoint=" + receiver.endpoint(),
            "quarkus.otel.exporter.otlp.protocol=http/protobuf", "quarkus.otel.bsp.schedule.delay=50ms",
            "quarkus.otel.service.name=" + service };
    }

    private static ChatCompletionCreateParams chat(long tokens) {
        return ChatCompletionCreateParams.builder().model("stories260k").addUserMessage("Once upon a time")
                .maxCompletionTokens(tokens).putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build();
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

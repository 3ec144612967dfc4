package dev.paddock.server.openai;

import static dev.paddock.server.openai.ChatCompletionsIT.storyOf;
import static dev.paddock.server.openai.ServedModels.STORIES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.completions.CompletionUsage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} counts what a request did, per model, under vLLM-like names. */
@QuarkusTest
class MetricsIT {

    private static final String MODEL = "model=\"" + STORIES + "\"";
    private static final String MODEL_NAME = "model_name=\"" + STORIES + "\"";
    private static final String CHAT = "endpoint=\"/v1/chat/completions\"";

    @TestHTTPResource("/v1")
    URL v1;

    @TestHTTPResource("/")
    URL server;

    @BeforeEach
    void modelsLoaded() {
        ServedModels.awaitReady();
    }

    @Test
    void aGenerationIsTimedAndItsTokensCounted() {
        double ttft = PrometheusText.value("paddock_time_to_first_token_seconds_count", MODEL);
        double gaps = PrometheusText.value("paddock_inter_token_latency_seconds_count", MODEL);
        double e2e = PrometheusText.value("paddock_e2e_request_latency_seconds_count", MODEL);
        double prompt = PrometheusText.value("paddock_prompt_tokens_total", MODEL);
        double generated = PrometheusText.value("paddock_generation_tokens_total", MODEL);
        double ok = PrometheusText.value("paddock_requests_total", MODEL, CHAT, "status=\"200\"");

        ChatCompletion c = ServedModels.client(v1).chat().completions().create(storyOf(7).build());

        CompletionUsage usage = c.usage().orElseThrow();
        assertThat(PrometheusText.value("paddock_time_to_first_token_seconds_count", MODEL)).isEqualTo(ttft + 1);
        assertThat(PrometheusText.value("paddock_inter_token_latency_seconds_count", MODEL)).isEqualTo(gaps + 6);
        assertThat(PrometheusText.value("paddock_e2e_request_latency_seconds_count", MODEL)).isEqualTo(e2e + 1);
        assertThat(PrometheusText.value("paddock_prompt_tokens_total", MODEL)).isEqualTo(prompt + usage.promptTokens());
        assertThat(PrometheusText.value("paddock_generation_tokens_total", MODEL)).isEqualTo(generated + 7);
        // counted when the response has ended, which may be a moment after the client read it
        await().untilAsserted(() -> assertThat(PrometheusText.value("paddock_requests_total", MODEL, CHAT,
                "status=\"200\"")).isEqualTo(ok + 1));
    }

    @Test
    void latencyHistogramsHaveBucketsUpToTheirCount() {
        ServedModels.client(v1).chat().completions().create(storyOf(3).build());

        for (String histogram : List.of("paddock_time_to_first_token_seconds", "paddock_inter_token_latency_seconds",
                "paddock_e2e_request_latency_seconds")) {
            double count = PrometheusText.value(histogram + "_count", MODEL);
            assertThat(count).as(histogram).isPositive();
            assertThat(PrometheusText.value(histogram + "_bucket", MODEL, "le=\"+Inf\"")).as(histogram)
                    .isEqualTo(count);
        }
    }

    @Test
    void vllmNamedGaugesCountRunningAndWaitingRequestsAndTheKvCache() throws Exception {
        // six choices: the model's 4 slots run four, the test profile's 2 queue places hold the others.
        // Each choice fills most of its 512-token slot, so the four-running state lasts seconds, not the
        // fraction of a second 128 default tokens take (a scrape on a loaded CI machine could miss that)
        String sixStories = "{\"model\":\"" + STORIES + "\",\"prompt\":\"Once\",\"ignore_eos\":true,\"n\":6,"
                + "\"max_tokens\":480,\"stream\":true}";
        try (RawHttp call = RawHttp.post(server, "/v1/completions", sixStories)) {
            call.readUntil("data: ");
            await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String page = PrometheusText.scrape(server.toURI());
                assertThat(PrometheusText.valueIn(page, "vllm:num_requests_running", MODEL_NAME)).isEqualTo(4);
                assertThat(PrometheusText.valueIn(page, "vllm:num_requests_waiting", MODEL_NAME)).isEqualTo(2);
                assertThat(PrometheusText.valueIn(page, "paddock_requests_waiting", MODEL)).isEqualTo(2);
                double used = PrometheusText.valueIn(page, "paddock_kv_cache_used_cells", MODEL);
                double cells = PrometheusText.valueIn(page, "paddock_kv_cache_cells", MODEL);
                assertThat(used).isPositive().isLessThanOrEqualTo(cells);
                assertThat(PrometheusText.valueIn(page, "vllm:gpu_cache_usage_perc", MODEL_NAME))
                        .isEqualTo(used / cells);
            });
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(PrometheusText.value("vllm:num_requests_running", MODEL_NAME)).isZero();
            assertThat(PrometheusText.value("vllm:num_requests_waiting", MODEL_NAME)).isZero();
        });
    }

    @Test
    void refusedRequestsAreCountedByStatus() {
        double refused = PrometheusText.value("paddock_requests_total", CHAT, "status=\"400\"");

        given().contentType("application/json").body("{\"model\":\"" + STORIES + "\",\"messages\":[]}")
                .post("/v1/chat/completions").then().statusCode(400);

        await().untilAsserted(() -> assertThat(PrometheusText.value("paddock_requests_total", CHAT,
                "status=\"400\"")).isEqualTo(refused + 1));
    }
}

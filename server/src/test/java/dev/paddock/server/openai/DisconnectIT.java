package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.STORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up cancels its generations at once. Six choices fill the 4 slots and the 2 queue
 * places of the test profile; once the client is gone, the engine must generate less than half
 * of the tokens the same generations make when they run to the end (measured first). Counting the
 * engine's tokens, not the wall clock, keeps the check independent of how busy the machine is.
 */
@QuarkusTest
class DisconnectIT {

    private static final String MODEL = "model=\"" + STORIES + "\"";
    private static final String SIX_STORIES = "{\"model\":\"" + STORIES + "\",\"prompt\":\"Once\",\"ignore_eos\":true,"
            + "\"n\":6";

    @TestHTTPResource("/")
    URL server;

    @BeforeEach
    void modelsLoaded() {
        ServedModels.awaitReady();
    }

    @Test
    void closingAStreamMidwayFreesItsSlotsAtOnce() throws Exception {
        String streamed = SIX_STORIES + ",\"stream\":true}";
        double before = generated();
        try (RawHttp call = RawHttp.post(server, "/v1/completions", streamed)) {
            call.readUntil("data: [DONE]");
        }
        awaitIdle();
        double toTheEnd = generated() - before;

        try (RawHttp call = RawHttp.post(server, "/v1/completions", streamed)) {
            assertThat(call.readUntil("data: ")).startsWith("HTTP/1.1 200");
        }
        before = generated();
        awaitIdle();

        assertThat(generated() - before).as("tokens generated after hanging up at the first event vs. a run to the end")
                .isLessThan(toTheEnd / 2);
    }

    @Test
    void closingBeforeAWholeAnswerFreesItsSlotsAtOnce() throws Exception {
        String whole = SIX_STORIES + "}";
        double before = generated();
        try (RawHttp call = RawHttp.post(server, "/v1/completions", whole)) {
            call.readUntil("\"usage\"");
        }
        awaitIdle();
        double toTheEnd = generated() - before;
        double gone = PrometheusText.value("paddock_requests_total", MODEL, "status=\"499\"");

        try (RawHttp call = RawHttp.post(server, "/v1/completions", whole)) {
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> PrometheusText.value("paddock_requests_running", MODEL) > 0);
        }
        before = generated();
        awaitIdle();

        assertThat(generated() - before).as("tokens generated after hanging up once it runs vs. a run to the end")
                .isLessThan(toTheEnd / 2);
        await().untilAsserted(() -> assertThat(PrometheusText.value("paddock_requests_total", MODEL,
                "status=\"499\"")).as("counted as client closed").isEqualTo(gone + 1));
    }

    private static double generated() {
        return PrometheusText.value("paddock_engine_tokens_generated_total", MODEL);
    }

    private static void awaitIdle() {
        await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(PrometheusText.value("paddock_requests_running", MODEL)).isZero();
            assertThat(PrometheusText.value("paddock_requests_waiting", MODEL)).isZero();
        });
    }
}

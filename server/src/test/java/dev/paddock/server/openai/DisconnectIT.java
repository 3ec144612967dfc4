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
 * places of the test profile; once the client is gone, the engine must be idle again in a fraction of the
 * time the same generations take to run to the end (measured first, on the same machine).
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
        long toTheEnd;
        try (RawHttp call = RawHttp.post(server, "/v1/completions", streamed)) {
            call.readUntil("data: ");
            long start = System.nanoTime();
            call.readUntil("data: [DONE]");
            toTheEnd = System.nanoTime() - start;
        }
        awaitIdle();

        try (RawHttp call = RawHttp.post(server, "/v1/completions", streamed)) {
            assertThat(call.readUntil("data: ")).startsWith("HTTP/1.1 200");
        }
        long start = System.nanoTime();
        awaitIdle();

        assertThat(System.nanoTime() - start).as("idle after hanging up vs. running to the end (%d ms)",
                toTheEnd / 1_000_000).isLessThan(toTheEnd / 2);
    }

    @Test
    void closingBeforeAWholeAnswerFreesItsSlotsAtOnce() throws Exception {
        String whole = SIX_STORIES + "}";
        long start = System.nanoTime();
        try (RawHttp call = RawHttp.post(server, "/v1/completions", whole)) {
            call.readUntil("\"usage\"");
        }
        long toTheEnd = System.nanoTime() - start;
        awaitIdle();
        double gone = PrometheusText.value("paddock_requests_total", MODEL, "status=\"499\"");

        try (RawHttp call = RawHttp.post(server, "/v1/completions", whole)) {
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> PrometheusText.value("paddock_requests_running", MODEL) > 0);
        }
        start = System.nanoTime();
        awaitIdle();

        assertThat(System.nanoTime() - start).as("idle after hanging up vs. running to the end (%d ms)",
                toTheEnd / 1_000_000).isLessThan(toTheEnd / 2);
        await().untilAsserted(() -> assertThat(PrometheusText.value("paddock_requests_total", MODEL,
                "status=\"499\"")).as("counted as client closed").isEqualTo(gone + 1));
    }

    private static void awaitIdle() {
        // each poll scrapes /metrics on the server under test: every 10 ms, not every 1 ms, so that the
        // scraping itself does not slow the cancellation it measures on a 2-core machine
        await().pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(PrometheusText.value("paddock_requests_running", MODEL)).isZero();
            assertThat(PrometheusText.value("paddock_requests_waiting", MODEL)).isZero();
        });
    }
}

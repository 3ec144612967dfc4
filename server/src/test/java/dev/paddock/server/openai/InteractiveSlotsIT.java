package dev.paddock.server.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * In one process, with two engine slots, batch requests ({@code x-paddock-priority: batch}) take only one of them:
 * the other is kept for interactive requests, unless {@code paddock.server.interactive-slots=0}.
 */
class InteractiveSlotsIT {

    private static final String MODEL = "stories260k";

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

package dev.paddock.server.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In one process, a key listed in {@code paddock.gateway.batch-api-keys} makes its requests batch by default,
 * and {@code x-paddock-priority} overrides it: with one engine slot busy, queued interactive requests (from the
 * interactive key, or from the batch key with the header) run before a batch-key request queued ahead of them.
 */
class KeyPriorityIT {

    private static final String MODEL = "stories260k";

    private static ServerProcess server;
    private static URL v1;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(ServerProcess.storiesOnly(4096, 1), "paddock.gateway.api-keys=ik",
                "paddock.gateway.batch-api-keys=bk").awaitReady();
        v1 = server.root().resolve("/v1").toURL();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void batchKeyRequestsWaitBehindInteractiveOnesUnlessTheHeaderMakesThemInteractive() throws Exception {
        OpenAIClient interactive = ServedModels.client(v1, "ik");
        OpenAIClient batch = ServedModels.client(v1, "bk");
        Queue<String> finished = new ConcurrentLinkedQueue<>();
        try (StreamResponse<Completion> busy = interactive.completions().createStreaming(CompletionCreateParams
                .builder().model(MODEL).prompt("Once upon a time").maxTokens(4000L)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build())) {
            busy.stream().findFirst();
            CompletableFuture<?> byKey = queue(batch, story(), "batch key", finished, 1);
            CompletableFuture<?> overridden = queue(batch, story().toBuilder()
                    .putAdditionalHeader("x-paddock-priority", "interactive").build(), "batch key + header",
                    finished, 2);
            CompletableFuture<?> plain = queue(interactive, story(), "interactive key", finished, 3);
            busy.close();
            CompletableFuture.allOf(byKey, overridden, plain).get(60, TimeUnit.SECONDS);
        }

        assertThat(List.copyOf(finished)).containsExactly("batch key + header", "interactive key", "batch key");
    }

    /** Sends a request on its own thread and waits until the engine has it queued as the n-th waiting one. */
    private static CompletableFuture<?> queue(OpenAIClient client, CompletionCreateParams params, String name,
            Queue<String> finished, int waiting) {
        CompletableFuture<?> done = CompletableFuture.runAsync(() -> {
            client.completions().create(params);
            finished.add(name);
        }, r -> Thread.ofVirtual().start(r));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(waiting()).isEqualTo(waiting));
        return done;
    }

    /** Long enough (some 100 ms) that the order requests finish in is the order the one slot ran them. */
    private static CompletionCreateParams story() {
        return CompletionCreateParams.builder().model(MODEL).prompt("Once").maxTokens(200L)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build();
    }

    private static double waiting() {
        String text = given().baseUri(server.root().toString()).accept("text/plain").get("/metrics").asString();
        return text.lines().filter(l -> l.startsWith("paddock_requests_waiting{") && l.contains("model=\"" + MODEL
                + "\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}

package dev.paddock.server.openai;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.net.URL;
import java.time.Duration;

/** The models the test profile serves, and OpenAI SDK clients for the test server. */
final class ServedModels {

    /** TinyStories 260K: the default generate model (no instruction following, 128 tokens per slot). */
    static final String STORIES = "stories260k";
    /** all-MiniLM-L6-v2: sentence embeddings, 384 dimensions. */
    static final String MINILM = "all-minilm-l6-v2";

    private static volatile boolean ready;

    private ServedModels() {
    }

    /**
     * Waits until both models answer: they load in the background after the server starts, and answer
     * 503 until then.
     */
    static void awaitReady() {
        if (ready) {
            return;
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> answers("/v1/completions",
                "{\"model\":\"" + STORIES + "\",\"prompt\":\"a\",\"max_tokens\":1}")
                && answers("/v1/embeddings", "{\"model\":\"" + MINILM + "\",\"input\":\"a\"}"));
        ready = true;
    }

    private static boolean answers(String path, String body) {
        return given().contentType("application/json").body(body).post(path).statusCode() != 503;
    }

    /** An SDK client for the server's {@code /v1}, not retrying, so that tests see each answer. */
    static OpenAIClient client(URL v1) {
        return client(v1, "not-checked");
    }

    static OpenAIClient client(URL v1, String apiKey) {
        return OpenAIOkHttpClient.builder().baseUrl(v1.toString()).apiKey(apiKey).maxRetries(0).build();
    }
}

package dev.paddock.server.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.models.completions.CompletionCreateParams;
import dev.paddock.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's {@code defaults} in paddock.yaml apply to the sampling parameters a request leaves out,
 * and a request's own parameters win over them.
 */
class ModelDefaultsIT {

    @TempDir
    static Path dir;

    private static ServerProcess server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        String stories = TestModels.stories260K().toString();
        Path config = Files.writeString(dir.resolve("paddock.yaml"), """
                models:
                  - name: greedy-stories
                    source: %s
                    defaults:
                      temperature: 0
                  - name: plain-stories
                    source: %s
                """.formatted(stories, stories));
        // both models load in the background after the server listens: ask only once they are ready
        server = ServerProcess.start("paddock.server.config=" + config).awaitReady();
        client = ServedModels.client(server.root().resolve("/v1").toURL());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void configuredTemperatureZeroMakesUnseededRequestsGreedy() {
        Set<String> texts = texts("greedy-stories", null, 4);
        String explicitGreedy = complete(CompletionCreateParams.builder().model("plain-stories").temperature(0));

        assertThat(texts).containsExactly(explicitGreedy);
    }

    @Test
    void requestTemperatureOverridesTheConfiguredDefault() {
        assertThat(texts("greedy-stories", 1.5, 4)).hasSizeGreaterThan(1);
    }

    @Test
    void modelWithoutDefaultsSamplesAtOpenAiTemperatureOne() {
        assertThat(texts("plain-stories", null, 4)).hasSizeGreaterThan(1);
    }

    private static Set<String> texts(String model, Double temperature, int count) {
        Set<String> texts = new HashSet<>();
        IntStream.range(0, count).forEach(i -> {
            CompletionCreateParams.Builder b = CompletionCreateParams.builder().model(model);
            if (temperature != null) {
                b.temperature(temperature);
            }
            texts.add(complete(b));
        });
        return texts;
    }

    private static String complete(CompletionCreateParams.Builder b) {
        return client.completions().create(b.prompt("Once upon a time").maxTokens(24).build())
                .choices().getFirst().text();
    }
}

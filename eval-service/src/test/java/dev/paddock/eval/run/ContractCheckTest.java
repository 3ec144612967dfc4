package dev.paddock.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.DatasetSpec;
import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import dev.paddock.eval.client.OpenAiEndpoint;
import dev.paddock.eval.dataset.ConfigMapSource;
import dev.paddock.eval.stats.Bootstrap;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract check against a real HTTP endpoint that answers {@code /v1/completions} the way a
 * server without prompt logprobs does: the echoed text but no {@code logprobs}. The endpoint is the
 * thing under test here, so it is a tiny server of its own.
 */
class ContractCheckTest {

    private static final String NO_LOGPROBS = """
            {"id":"cmpl-1","object":"text_completion","created":1,"model":"m",
             "choices":[{"index":0,"text":"The quick brown fox jumps over the lazy dog.","logprobs":null,"finish_reason":"length"}],
             "usage":{"prompt_tokens":9,"completion_tokens":1,"total_tokens":10}}""";

    private HttpServer server;
    private final List<String> priorities = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", exchange -> {
            priorities.add(exchange.getRequestHeaders().getFirst(OpenAiEndpoint.PRIORITY_HEADER));
            exchange.getRequestBody().readAllBytes();
            byte[] body = NO_LOGPROBS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static EvaluationSpec multipleChoice() {
        EvaluationSpec spec = new EvaluationSpec();
        spec.name = "mc";
        spec.models = List.of("m");
        DatasetItem q = new DatasetItem();
        q.question = "The sky is";
        q.choices = List.of("blue", "green", "red", "yellow");
        q.answer = "A";
        spec.dataset = new DatasetSpec();
        spec.dataset.items = List.of(q);
        ScorerSpec s = new ScorerSpec();
        s.type = ScorerSpec.Type.multiple_choice;
        spec.scorers = List.of(s);
        return spec;
    }

    @Test
    void failsAMultipleChoiceRunWhenTheEndpointReturnsNoPromptLogprobs() {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                Optional.empty(), Duration.ofSeconds(10));
        EvaluationRunner runner = new EvaluationRunner(endpoint, new Bootstrap(100, 0.95));

        RunResult r = runner.run(new EvaluationDefinition("mc", multipleChoice(), Path.of("."), ConfigMapSource.NONE, "test"));

        assertThat(r.state()).isEqualTo(RunResult.State.failed);
        assertThat(r.failure()).contains("model m:", "echo=true", "no log-probabilities for the prompt's tokens",
                "would score at chance");
        assertThat(r.scores()).isEmpty();
        assertThat(priorities).isNotEmpty().allMatch("batch"::equals);
    }
}

package dev.paddock.server.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.server.cli.EvalCommand;
import dev.paddock.server.openai.ServerProcess;
import dev.paddock.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The eval service in the single-process server, end to end: evaluations declared in paddock.yaml run
 * on the real engine through the server's own OpenAI API. The datasets' expected answers come from
 * greedy decoding of stories260K (see src/test/resources/eval/README.md), so a correct pipeline scores
 * exactly 1 on them.
 */
class EvaluationsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path DATA = Path.of("src/test/resources/eval").toAbsolutePath();

    @TempDir
    static Path dir;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        Path config = Files.writeString(dir.resolve("paddock.yaml"), """
                models:
                  - {name: stories, source: %s, contextSize: 512, parallel: 2}
                  - {name: tiny-random, source: %s, contextSize: 256, parallel: 1}
                  - {name: minilm, task: embed, source: %s}
                evaluations:
                  - name: stories-greedy
                    models: [stories]
                    dataset: {file: %s}
                    generation: {maxTokens: 12}
                    schedule: "*/2 * * * * *"
                    concurrency: 2
                    scorers:
                      - {type: exact_match}
                      - {type: contains}
                      - {type: rouge_l}
                      - {type: embedding_similarity, model: minilm}
                      - {type: latency}
                      - {type: ttft}
                      - {type: tokens_per_second}
                  - name: stories-choice
                    models: [stories, tiny-random]
                    dataset: {file: %s}
                    scorers: [{type: multiple_choice}]
                    baseline: stories
                    threshold: 0.1
                """.formatted(TestModels.stories260K(), TestModels.llama2TinyRandom(), TestModels.miniLm(),
                DATA.resolve("stories-greedy.jsonl"), DATA.resolve("stories-choice.jsonl")));
        server = ServerProcess.start("paddock.server.config=" + config);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.root().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static JsonNode score(JsonNode run, String model, String scorer) {
        for (JsonNode s : run.path("scores")) {
            if (s.path("model").asText().equals(model) && s.path("scorer").asText().equals(scorer)) {
                return s;
            }
        }
        throw new AssertionError("no score of " + model + " on " + scorer + " in " + run);
    }

    private static List<JsonNode> succeededRuns(String evaluation) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        get("/v1/evaluations/" + evaluation + "/runs").path("data").forEach(r -> {
            assertThat(r.path("failure").isNull()).as("run failed: %s", r.path("failure")).isTrue();
            out.add(r);
        });
        return out;
    }

    @Test
    void scheduledRunsReproduceGreedyAnswersAndUpdateMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(succeededRuns("stories-greedy")).hasSizeGreaterThanOrEqualTo(2));

        JsonNode run = get("/v1/evaluations/stories-greedy/runs/latest");
        assertThat(run.path("items").asInt()).isEqualTo(8);
        for (String scorer : List.of("exact_match", "contains", "rouge_l")) {
            JsonNode s = score(run, "stories", scorer);
            assertThat(s.path("mean").asDouble()).as(scorer).isEqualTo(1.0);
            assertThat(s.path("ciLow").asDouble()).as(scorer).isEqualTo(1.0);
            assertThat(s.path("samples").asInt()).isEqualTo(8);
        }
        assertThat(score(run, "stories", "embedding_similarity").path("mean").asDouble()).isCloseTo(1.0, within(1e-4));
        double latency = score(run, "stories", "latency").path("mean").asDouble();
        double ttft = score(run, "stories", "ttft").path("mean").asDouble();
        assertThat(ttft).isPositive().isLessThanOrEqualTo(latency);
        assertThat(score(run, "stories", "tokens_per_second").path("mean").asDouble()).isPositive();
        assertThat(metric("paddock_eval_score", "evaluation=\"stories-greedy\"", "model=\"stories\"",
                "scorer=\"exact_match\"")).isEqualTo(1.0);
        assertThat(metric("paddock_eval_runs_total", "evaluation=\"stories-greedy\"", "outcome=\"succeeded\""))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void multipleChoiceByPromptLogprobsPicksTheGreedyTokenAndFlagsTheWeakerModel() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> HTTP.send(HttpRequest.newBuilder(server.root().resolve(
                "/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(server.root().resolve(
                "/v1/evaluations/stories-choice/runs")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(succeededRuns("stories-choice")).isNotEmpty());
        JsonNode run = get("/v1/evaluations/stories-choice/runs/latest");
        assertThat(score(run, "stories", "multiple_choice").path("mean").asDouble()).isEqualTo(1.0);
        double random = score(run, "tiny-random", "multiple_choice").path("mean").asDouble();
        assertThat(random).isLessThan(0.9);
        assertThat(run.path("regressions").toString()).contains("tiny-random: multiple_choice");
    }

    @Test
    void leaderboardShowsModelsScoresAndAChartLinePerModel() throws Exception {
        Assumptions.assumeTrue(HeadlessChromium.binary().isPresent(),
                "chromium is not installed (apt-get install chromium): the leaderboard page test is skipped");
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(succeededRuns("stories-greedy")).hasSizeGreaterThanOrEqualTo(2));
        URI page = server.root().resolve("/leaderboard/");

        String dom = HeadlessChromium.dumpDom(page);
        HeadlessChromium.screenshot(page, Path.of("target/leaderboard.png"));

        assertThat(dom).contains("data-evaluation=\"stories-greedy\"", "data-evaluation=\"stories-choice\"");
        assertThat(dom).contains("<td class=\"model\">stories</td>");
        assertThat(dom).containsPattern("data-scorer=\"exact_match\">1\\.000 <span class=\"ci\">\\[1\\.000, 1\\.000\\]");
        assertThat(count(dom, "<svg[^>]*data-scorer=\"[a-z_]+\"")).isGreaterThanOrEqualTo(7);
        assertThat(count(dom, "<g class=\"series\" data-series=\"stories\"")).isGreaterThanOrEqualTo(7);
        assertThat(dom).containsPattern("<polyline class=\"series\"[^>]*points=\"[0-9.]+,[0-9.]+ [0-9.]+,[0-9.]+");
        assertThat(Files.size(Path.of("target/leaderboard.png"))).isGreaterThan(10_000);
    }

    @Test
    void evalCommandPrintsATableAgainstTheRunningServer() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> HTTP.send(HttpRequest.newBuilder(server.root().resolve(
                "/health/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        Path file = Files.writeString(dir.resolve("eval.yaml"), """
                evaluations:
                  - name: cli
                    models: [stories]
                    dataset: {file: %s}
                    generation: {maxTokens: 12}
                    scorers:
                      - {type: exact_match}
                      - {type: llm_judge, model: stories, rubric: "The answer continues the story.", scale: 5}
                  - name: missing-model
                    models: [nobody]
                    dataset: {items: [{prompt: "Hi", expected: "Hello"}]}
                    scorers: [{type: contains}]
                """.formatted(DATA.resolve("stories-greedy.jsonl")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = EvalCommand.run(List.of(file.toString(), "--url", server.root().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as("one evaluation failed").isEqualTo(1);
        assertThat(table).containsPattern("stories +exact_match +1\\.0000 +\\[1\\.0000, 1\\.0000\\] +8");
        assertThat(table).containsPattern("stories +llm_judge +\\S+ +\\S+.* +\\d");
        assertThat(table).contains("evaluation missing-model", "FAILED: model nobody:", "does not exist");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static double metric(String name, String... labels) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(server.root().resolve("/metrics")).header("accept", "text/plain")
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(name + "{") && List.of(labels).stream().allMatch(line::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }
}

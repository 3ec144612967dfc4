package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.STORIES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact bytes of streamed responses: {@code data: <json>\n\n} events, then {@code data: [DONE]\n\n}. */
@QuarkusTest
class SseWireIT {

    private static final String EVENTS = "(data: \\{[^\\n]*\\}\\n\\n)+data: \\[DONE\\]\\n\\n";

    private static Response post(String path, String body) {
        return given().contentType("application/json").body(body).post(path);
    }

    private static List<JsonPath> events(String body) {
        return Arrays.stream(body.split("\n\n")).filter(e -> !e.equals("data: [DONE]"))
                .map(e -> JsonPath.from(e.substring("data: ".length()))).toList();
    }

    @BeforeEach
    void modelsLoaded() {
        ServedModels.awaitReady();
    }

    @Test
    void chatStreamIsFramedLikeOpenAi() {
        Response r = post("/v1/chat/completions", "{\"model\":\"" + STORIES + "\",\"stream\":true,\"max_tokens\":6,"
                + "\"ignore_eos\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/event-stream");
        assertThat(r.asString()).matches(EVENTS);
        List<JsonPath> events = events(r.asString());
        JsonPath first = events.getFirst();
        assertThat(first.getString("object")).isEqualTo("chat.completion.chunk");
        assertThat(first.getString("id")).startsWith("chatcmpl-");
        assertThat(first.getString("choices[0].delta.role")).isEqualTo("assistant");
        assertThat(first.getString("choices[0].delta.content")).isEmpty();
        JsonPath finish = events.get(events.size() - 2);
        assertThat(finish.getString("choices[0].finish_reason")).isEqualTo("length");
        assertThat(finish.getMap("choices[0].delta")).isEmpty();
        JsonPath usage = events.getLast();
        assertThat(usage.getList("choices")).isEmpty();
        assertThat(usage.getInt("usage.completion_tokens")).isEqualTo(6);
        assertThat(usage.getInt("usage.total_tokens")).isEqualTo(usage.getInt("usage.prompt_tokens") + 6);
        assertThat(usage.getInt("usage.prompt_tokens_details.cached_tokens")).isNotNegative();
    }

    @Test
    void completionStreamIsFramedLikeOpenAi() {
        Response r = post("/v1/completions", "{\"model\":\"" + STORIES + "\",\"stream\":true,\"max_tokens\":5,"
                + "\"ignore_eos\":true,\"prompt\":\"Once upon a time\"}");

        assertThat(r.contentType()).startsWith("text/event-stream");
        assertThat(r.asString()).matches(EVENTS);
        List<JsonPath> events = events(r.asString());
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getString("object")).isEqualTo("text_completion");
            assertThat(e.getString("system_fingerprint")).startsWith("paddock-");
            assertThat(e.getMap("$")).doesNotContainKey("usage");
        });
        assertThat(events.getLast().getString("choices[0].finish_reason")).isEqualTo("length");
    }

    @Test
    void failureBeforeTheFirstEventIsAnErrorStatusNotAStream() {
        Response r = post("/v1/chat/completions", "{\"model\":\"nope\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}]}");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("error.code")).isEqualTo("model_not_found");
    }

    @Test
    void engineRefusalOfAShortPromptIsAnErrorStatusNotAStream() {
        // a short prompt is started on the event loop; the engine refuses it when it plans the tokens
        Response r = post("/v1/completions", "{\"model\":\"" + STORIES + "\",\"stream\":true,"
                + "\"prompt\":\"Once\",\"max_tokens\":5000}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("error.code")).isEqualTo("context_length_exceeded");
        assertThat(r.jsonPath().getString("error.param")).isEqualTo("max_tokens");
    }

    @Test
    void engineRefusalOfALongPromptIsAnErrorStatusNotAStream() {
        // a long prompt is templated and tokenized on a worker thread; its refusal comes back to the event loop
        String story = "Once upon a time there was a little girl. ".repeat(120);
        Response r = post("/v1/chat/completions", "{\"model\":\"" + STORIES + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + story + "\"}]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.jsonPath().getString("error.code")).isEqualTo("context_length_exceeded");
        assertThat(r.jsonPath().getString("error.param")).isEqualTo("messages");
    }

    @Test
    void wholeResponseHasNullLogprobsAndNoToolCalls() {
        JsonPath c = post("/v1/chat/completions", "{\"model\":\"" + STORIES + "\",\"max_tokens\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}]}").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();

        assertThat(c.getString("object")).isEqualTo("chat.completion");
        assertThat(c.getMap("choices[0]")).containsEntry("logprobs", null).containsKey("finish_reason");
        assertThat(c.getMap("choices[0].message")).containsEntry("role", "assistant").containsEntry("refusal", null)
                .doesNotContainKey("tool_calls");
        assertThat(c.getInt("usage.prompt_tokens_details.cached_tokens")).isNotNegative();
    }
}

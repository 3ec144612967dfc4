package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.STORIES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every client mistake is answered in OpenAI's error envelope, naming the parameter, never with a 500. */
@QuarkusTest
class ErrorEnvelopesIT {

    private static final String MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":\"Once\"}]";

    @TestHTTPResource("/v1")
    URL v1;

    private static ValidatableResponse chat(String body) {
        return given().contentType("application/json").body(body).post("/v1/chat/completions").then()
                .contentType("application/json");
    }

    private static void isInvalid(ValidatableResponse response, String param) {
        response.statusCode(400).body("error.type", equalTo("invalid_request_error"))
                .body("error.param", equalTo(param)).body("error.message", notNullValue());
    }

    @BeforeEach
    void modelsLoaded() {
        ServedModels.awaitReady();
    }

    @Test
    void malformedJsonIs400() {
        chat("{\"model\":\"" + STORIES + "\",").statusCode(400).body("error.type", equalTo("invalid_request_error"))
                .body("error.message", containsString("could not parse the JSON body"))
                .body("error.param", nullValue());
    }

    @Test
    void emptyBodyIs400() {
        chat("").statusCode(400).body("error.message", containsString("empty"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"temperature\":\"hot\"           | temperature",
            "\"temperature\":2.5               | temperature",
            "\"top_p\":0                       | top_p",
            "\"n\":17                          | n",
            "\"n\":\"two\"                     | n",
            "\"presence_penalty\":-3           | presence_penalty",
            "\"frequency_penalty\":3           | frequency_penalty",
            "\"logprobs\":true,\"top_logprobs\":21 | top_logprobs",
            "\"top_logprobs\":2                | top_logprobs",
            "\"max_tokens\":0                  | max_tokens",
            "\"max_completion_tokens\":-5      | max_completion_tokens",
            "\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"] | stop",
            "\"stop\":7                        | stop",
            "\"logit_bias\":{\"x\":1}          | logit_bias",
            "\"logit_bias\":{\"5\":101}        | logit_bias",
            "\"stream_options\":{\"include_usage\":true} | stream_options",
            "\"response_format\":{\"type\":\"xml\"} | response_format.type",
            "\"tool_choice\":\"always\"        | tool_choice",
            "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"nope\"}} | tool_choice",
            "\"seed\":\"abc\"                  | seed" })
    void parameterOutOfRangeOrOfTheWrongTypeIsNamed(String field, String param) {
        isInvalid(chat("{\"model\":\"" + STORIES + "\"," + MESSAGES + "," + field + "}"), param);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"messages\":[]                                            | messages",
            "\"messages\":\"Once\"                                      | messages",
            "\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]      | messages[0].role",
            "\"messages\":[{\"role\":\"user\"}]                         | messages[0].content",
            "\"messages\":[{\"role\":\"user\",\"content\":42}]          | messages[0].content",
            "\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]       | messages[0].tool_call_id" })
    void badMessagesAreNamed(String messages, String param) {
        isInvalid(chat("{\"model\":\"" + STORIES + "\"," + messages + "}"), param);
    }

    @Test
    void missingModelIsNamed() {
        isInvalid(chat("{" + MESSAGES + "}"), "model");
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        OpenAIClient client = ServedModels.client(v1);

        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-17").addUserMessage("hi").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.code()).contains("model_not_found");
                    assertThat(e.param()).contains("model");
                });
    }

    @Test
    void promptLongerThanTheContextIs400ContextLengthExceeded() {
        String longPrompt = "Once upon a time there was a little dog. ".repeat(60);

        chat("{\"model\":\"" + STORIES + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + longPrompt + "\"}]}")
                .statusCode(400).body("error.code", equalTo("context_length_exceeded"));
    }

    @Test
    void unknownRouteIs404Enveloped() {
        given().get("/v1/engines").then().statusCode(404).contentType("application/json")
                .body("error.code", equalTo("unknown_url"))
                .body("error.message", containsString("GET /v1/engines"));
    }

    @Test
    void wrongMethodIs405Enveloped() {
        given().delete("/v1/chat/completions").then().statusCode(405).contentType("application/json")
                .body("error.type", equalTo("invalid_request_error"));
    }

    @Test
    void bodyThatIsNotJsonIs415Enveloped() {
        given().contentType("text/plain").body("hello").post("/v1/chat/completions").then().statusCode(415)
                .contentType("application/json").body("error.message", containsString("application/json"));
    }

    @Test
    void chunkedBodyUnderTheLimitIsServed() throws Exception {
        String body = "{\"model\":\"" + STORIES + "\",\"prompt\":\"Once\",\"max_tokens\":4}";

        HttpResponse<String> response = postChunked(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"text_completion\"").contains("\"completion_tokens\":4");
    }

    @Test
    void chunkedBodyOverTheLimitIs413Enveloped() throws Exception {
        String big = "{\"model\":\"" + STORIES + "\",\"prompt\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}";

        HttpResponse<String> response = postChunked(big);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(response.body()).contains("\"code\":\"request_too_large\"");
    }

    @Test
    void emptyPostAfterAnH2cUpgradeIs400Enveloped() throws Exception {
        // the JDK client asks for HTTP/2 with an upgrade; the request without a body has ended when it is routed
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(v1 + "/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("\"invalid_request_error\"").contains("empty");
        }
    }

    @Test
    void http2BodyOfUnknownLengthIsCutOffAtTheServerLimit() throws Exception {
        // HTTP/2 frames carry a body without a declared length or chunks: only the HTTP server's own limit
        // (64M, far below the heap) stops it, before the whole body is in memory. The client's first request
        // upgrades the connection to HTTP/2, the second sends 80 MiB of unknown length on it: a prompt of 80,000
        // strings of 1 KiB, so that no single JSON value is over the JSON reader's own limits.
        String kib = "\"" + "a".repeat(1022) + "\"";
        byte[] huge = ("{\"model\":\"" + STORIES + "\",\"prompt\":["
                + String.join(",", java.util.Collections.nCopies(80_000, kib)) + "]}").getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> upgrade = client.send(HttpRequest.newBuilder(URI.create(v1 + "/models")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(upgrade.version()).isEqualTo(HttpClient.Version.HTTP_2);

            HttpRequest post = HttpRequest.newBuilder(URI.create(v1 + "/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build();
            // Quarkus answers a bare 413 with "Connection: close" (a header HTTP/2 forbids) and closes the
            // connection, which the JDK client reports as a malformed answer or an early end of the connection:
            // either way the body was refused before it was read whole (a body read whole would be answered 400)
            try {
                HttpResponse<String> response = client.send(post, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            } catch (java.io.IOException refused) {
                assertThat(refused).hasMessageFindingMatch("Prohibited header name 'connection'|EOF");
            }
        }
        // and the server goes on serving
        given().get("/v1/models").then().statusCode(200);
    }

    /** A POST without Content-Length: the JDK client sends a body of unknown length chunked. */
    private HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(v1 + "/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void bodyOverTheLimitIs413Enveloped() {
        String big = "{\"model\":\"" + STORIES + "\",\"prompt\":\"" + "a".repeat(5 * 1024 * 1024) + "\"}";

        given().contentType("application/json").body(big).post("/v1/completions").then().statusCode(413)
                .contentType("application/json").body("error.code", equalTo("request_too_large"));
    }

    @Test
    void suffixIsRefusedOnTheWire() {
        given().contentType("application/json").body("{\"model\":\"" + STORIES + "\",\"prompt\":\"x\",\"suffix\":\"y\"}")
                .post("/v1/completions").then().statusCode(400).body("error.param", equalTo("suffix"))
                .body("error.message", equalTo("suffix is not supported."));
    }
}

package dev.paddock.server.openai;

import static dev.paddock.server.openai.ChatCompletionsIT.story;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionNamedToolChoice;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JSON output and forced tool calls. stories260k follows no instructions; the grammar built from the
 * schema is what makes its output valid JSON of the right shape.
 */
@QuarkusTest
class StructuredOutputIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/v1")
    URL v1;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        ServedModels.awaitReady();
        client = ServedModels.client(v1);
    }

    @Test
    void jsonSchemaOutputParsesAndFollowsTheSchema() throws Exception {
        ResponseFormatJsonSchema.JsonSchema.Schema schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                        "name", Map.of("type", "string", "enum", List.of("Tom", "Lily")),
                        "happy", Map.of("type", "boolean"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("name", "happy")))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build();
        ResponseFormatJsonSchema format = ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("hero").schema(schema).strict(true)
                        .build())
                .build();

        ChatCompletion c = client.chat().completions().create(story("Who is the hero?").responseFormat(format)
                .maxCompletionTokens(100).seed(2).build());

        JsonNode hero = JSON.readTree(c.choices().getFirst().message().content().orElseThrow());
        assertThat(hero.path("name").asText()).isIn("Tom", "Lily");
        assertThat(hero.path("happy").isBoolean()).isTrue();
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void jsonObjectOutputIsAnObjectEvenWhenCutShort() throws Exception {
        // any object will do, so the model writes its stories into endless strings: the token limit cuts them
        ChatCompletion c = client.chat().completions().create(story("Answer in JSON")
                .responseFormat(ResponseFormatJsonObject.builder().build()).maxCompletionTokens(40).seed(4).build());

        String text = c.choices().getFirst().message().content().orElseThrow();
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(isJsonObjectOrItsBeginning(text)).as(text).isTrue();
        assertThat(isJsonObjectOrItsBeginning("Once upon a time")).as("an unconstrained story").isFalse();
    }

    @Test
    void namedToolChoiceReturnsAToolCallWithValidArguments() throws Exception {
        ChatCompletion c = client.chat().completions().create(story("What is the weather?").addTool(weather())
                .toolChoice(ChatCompletionNamedToolChoice.builder()
                        .function(ChatCompletionNamedToolChoice.Function.builder().name("get_weather").build())
                        .build())
                .maxCompletionTokens(100).seed(9).build());

        ChatCompletion.Choice choice = c.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(choice.message().content()).isEmpty();
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst()
                .asFunction();
        assertThat(call.id()).startsWith("call_");
        assertThat(call.function().name()).isEqualTo("get_weather");
        JsonNode arguments = JSON.readTree(call.function().arguments());
        assertThat(arguments.path("unit").asText()).isIn("celsius", "fahrenheit");
        assertThat(arguments.path("rain").isBoolean()).isTrue();
    }

    @Test
    void requiredToolChoiceStreamsOneCallToAnOfferedFunction() throws Exception {
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                story("What time is it?").addTool(weather()).addTool(clock())
                        .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED).maxCompletionTokens(100).seed(1)
                        .build())) {
            chunks = stream.stream().toList();
        }

        List<ChatCompletionChunk.Choice.Delta.ToolCall> deltas = chunks.stream()
                .flatMap(c -> c.choices().stream()).flatMap(c -> c.delta().toolCalls().stream())
                .flatMap(List::stream).toList();
        assertThat(deltas.getFirst().id()).hasValueSatisfying(id -> assertThat(id).startsWith("call_"));
        String name = deltas.getFirst().function().orElseThrow().name().orElseThrow();
        assertThat(name).isIn("get_weather", "get_time");
        StringBuilder arguments = new StringBuilder();
        deltas.forEach(d -> d.function().flatMap(f -> f.arguments()).ifPresent(arguments::append));
        assertThat(JSON.readTree(arguments.toString()).isObject()).isTrue();
        assertThat(chunks.stream().flatMap(c -> c.choices().stream()).flatMap(c -> c.finishReason().stream()))
                .containsExactly(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void conversationWithAToolCallAndItsResultIsAnswered() {
        ChatCompletionMessageToolCall call = ChatCompletionMessageToolCall.ofFunction(
                ChatCompletionMessageFunctionToolCall.builder().id("call_1")
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder().name("get_weather")
                                .arguments("{\"unit\":\"celsius\",\"rain\":false}").build())
                        .build());
        ChatCompletion c = client.chat().completions().create(story("What is the weather?").addTool(weather())
                .addMessage(ChatCompletionAssistantMessageParam.builder().addToolCall(call).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("call_1").content("Sunny, 21").build())
                .maxCompletionTokens(10).build());

        assertThat(c.choices().getFirst().message().content()).isPresent();
        assertThat(c.usage().orElseThrow().promptTokens()).isGreaterThan(20);
    }

    private static boolean isJsonObjectOrItsBeginning(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() != null) {
                // read to the end
            }
            return true;
        } catch (JsonEOFException e) {
            return true;
        } catch (JsonParseException e) {
            return false;
        }
    }

    private static ChatCompletionFunctionTool weather() {
        return tool("get_weather", Map.of(
                "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                "rain", Map.of("type", "boolean")), List.of("unit", "rain"));
    }

    private static ChatCompletionFunctionTool clock() {
        return tool("get_time", Map.of("zone", Map.of("type", "string", "enum", List.of("UTC", "CET"))),
                List.of("zone"));
    }

    private static ChatCompletionFunctionTool tool(String name, Map<String, Object> properties,
            List<String> required) {
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(properties))
                .putAdditionalProperty("required", JsonValue.from(required))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false)).build();
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder().name(name).parameters(parameters).build()).build();
    }
}

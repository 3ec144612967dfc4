package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.STORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.CompletionUsage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/chat/completions} driven by the official OpenAI Java SDK, not streamed. */
@QuarkusTest
class ChatCompletionsIT {

    @TestHTTPResource("/v1")
    URL v1;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        ServedModels.awaitReady();
        client = ServedModels.client(v1);
    }

    static ChatCompletionCreateParams.Builder story(String prompt) {
        return ChatCompletionCreateParams.builder().model(STORIES).addUserMessage(prompt);
    }

    /** Generates exactly {@code tokens} tokens: end-of-generation is ignored (a vLLM extension). */
    static ChatCompletionCreateParams.Builder storyOf(long tokens) {
        return story("Once upon a time").maxCompletionTokens(tokens)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true));
    }

    @Test
    void answersWithTextLengthFinishAndUsage() {
        ChatCompletion c = client.chat().completions().create(storyOf(8).seed(1).build());

        assertThat(c.id()).startsWith("chatcmpl-");
        assertThat(c.model()).isEqualTo(STORIES);
        assertThat(c.systemFingerprint()).hasValueSatisfying(fp -> assertThat(fp).startsWith("paddock-"));
        ChatCompletion.Choice choice = c.choices().getFirst();
        assertThat(choice.message().content()).hasValueSatisfying(text -> assertThat(text).isNotBlank());
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        CompletionUsage usage = c.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(8);
        assertThat(usage.promptTokens()).isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + 8);
    }

    @Test
    void sameSeedGivesSameTextAndOtherSeedsDiffer() {
        String first = text(storyOf(20).seed(42).temperature(1.0).build());
        String again = text(storyOf(20).seed(42).temperature(1.0).build());
        Set<String> others = new HashSet<>();
        LongStream.range(43, 48).forEach(seed -> others.add(text(storyOf(20).seed(seed).temperature(1.0).build())));

        assertThat(again).isEqualTo(first);
        assertThat(others).as("five other seeds").anyMatch(text -> !text.equals(first));
    }

    @Test
    void generatesNChoicesCountingThePromptOnce() {
        ChatCompletion one = client.chat().completions().create(storyOf(5).seed(7).build());
        ChatCompletion three = client.chat().completions().create(storyOf(5).seed(7).n(3).build());

        assertThat(three.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0L, 1L, 2L);
        assertThat(three.choices().getFirst().message().content()).isEqualTo(one.choices().getFirst().message()
                .content());
        CompletionUsage usage = three.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(15);
        assertThat(usage.promptTokens()).isEqualTo(one.usage().orElseThrow().promptTokens());
    }

    @Test
    void stopStringEndsTheAnswerBeforeIt() {
        String free = text(story("Once upon a time").temperature(0.0).maxCompletionTokens(60).build());
        assertThat(free).as("the greedy story has a comma to stop at").contains(",");

        ChatCompletion stopped = client.chat().completions()
                .create(story("Once upon a time").temperature(0.0).maxCompletionTokens(60).stop(",").build());

        ChatCompletion.Choice choice = stopped.choices().getFirst();
        assertThat(choice.message().content()).hasValue(free.substring(0, free.indexOf(',')));
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void logprobsListEachTokenWithItsTopAlternatives() {
        ChatCompletion c = client.chat().completions().create(storyOf(6).logprobs(true).topLogprobs(3).build());

        List<ChatCompletionTokenLogprob> tokens = c.choices().getFirst().logprobs().orElseThrow().content()
                .orElseThrow();
        assertThat(tokens).hasSize(6);
        assertThat(String.join("", tokens.stream().map(ChatCompletionTokenLogprob::token).toList()))
                .isEqualTo(c.choices().getFirst().message().content().orElseThrow());
        for (ChatCompletionTokenLogprob t : tokens) {
            assertThat(t.logprob()).isLessThanOrEqualTo(0.0);
            assertThat(t.topLogprobs()).hasSize(3);
            assertThat(t.topLogprobs().getFirst().logprob()).isGreaterThanOrEqualTo(t.topLogprobs().get(2).logprob());
            assertThat(new String(bytes(t.bytes().orElseThrow()), StandardCharsets.UTF_8)).isEqualTo(t.token());
        }
    }

    @Test
    void imageContentIsRefusedNamingTheParameter() {
        ChatCompletionContentPart image = ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage
                .builder().imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url("https://x/cat.png")
                        .build())
                .build());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(STORIES)
                .addUserMessageOfArrayOfContentParts(List.of(image)).build();

        assertThatThrownBy(() -> client.chat().completions().create(params))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("messages[0].content[0]");
                    assertThat(e.getMessage()).contains("image_url");
                });
    }

    @Test
    void temperatureOutOfRangeIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> client.chat().completions().create(storyOf(4).temperature(2.5).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("temperature");
                    assertThat(e.type()).contains("invalid_request_error");
                });
    }

    private String text(ChatCompletionCreateParams params) {
        return client.chat().completions().create(params).choices().getFirst().message().content().orElseThrow();
    }

    private static byte[] bytes(List<Long> values) {
        byte[] bytes = new byte[values.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = values.get(i).byteValue();
        }
        return bytes;
    }
}

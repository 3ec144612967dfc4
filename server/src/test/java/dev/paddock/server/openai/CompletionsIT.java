package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.STORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/completions} driven by the official OpenAI Java SDK. */
@QuarkusTest
class CompletionsIT {

    /** "Once upon" in stories260k's vocabulary: BOS, "▁Once", "▁upon". */
    private static final List<Long> ONCE_UPON = List.of(1L, 403L, 407L);

    @TestHTTPResource("/v1")
    URL v1;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        ServedModels.awaitReady();
        client = ServedModels.client(v1);
    }

    private static CompletionCreateParams.Builder prompt(String prompt, long tokens) {
        return CompletionCreateParams.builder().model(STORIES).prompt(prompt).maxTokens(tokens)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true));
    }

    @Test
    void completesATextPrompt() {
        Completion c = client.completions().create(prompt("Once upon a time", 6).seed(1).build());

        assertThat(c.id()).startsWith("cmpl-");
        assertThat(c.model()).isEqualTo(STORIES);
        CompletionChoice choice = c.choices().getFirst();
        assertThat(choice.text()).isNotBlank();
        assertThat(choice.finishReason()).isEqualTo(CompletionChoice.FinishReason.LENGTH);
        assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(6);
    }

    @Test
    void answersNChoicesForEachPromptOfAnArray() {
        Completion c = client.completions().create(CompletionCreateParams.builder().model(STORIES)
                .promptOfArrayOfStrings(List.of("Once upon a time", "Lily and Tom")).n(2).maxTokens(3L).seed(5)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true)).build());

        assertThat(c.choices()).extracting(CompletionChoice::index).containsExactly(0L, 1L, 2L, 3L);
        assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(12);
    }

    @Test
    void tokenPromptContinuesLikeItsText() {
        Completion fromTokens = client.completions().create(CompletionCreateParams.builder().model(STORIES)
                .promptOfArrayOfTokens(ONCE_UPON).maxTokens(8L).temperature(0.0).build());
        Completion fromText = client.completions().create(CompletionCreateParams.builder().model(STORIES)
                .prompt("Once upon").maxTokens(8L).temperature(0.0).build());

        assertThat(fromTokens.choices().getFirst().text()).isEqualTo(fromText.choices().getFirst().text());
        assertThat(fromTokens.usage().orElseThrow().promptTokens()).isEqualTo(3);
    }

    @Test
    void echoReturnsThePromptWithItsTokensLogprobs() {
        Completion c = client.completions().create(prompt("Once upon a time", 3).echo(true).logprobs(2L)
                .temperature(0.0).build());

        CompletionChoice choice = c.choices().getFirst();
        assertThat(choice.text()).startsWith("Once upon a time").hasSizeGreaterThan("Once upon a time".length());
        CompletionChoice.Logprobs logprobs = choice.logprobs().orElseThrow();
        long promptTokens = c.usage().orElseThrow().promptTokens();
        assertThat(logprobs.tokens().orElseThrow()).hasSize((int) promptTokens + 3);
        List<Double> tokenLogprobs = logprobs.tokenLogprobs().orElseThrow();
        assertThat(tokenLogprobs.getFirst()).as("the first prompt token has no logprob").isNull();
        assertThat(tokenLogprobs.subList(1, tokenLogprobs.size())).allSatisfy(lp -> assertThat(lp).isNotPositive());
        List<Long> offsets = logprobs.textOffset().orElseThrow();
        assertThat(offsets).isSorted();
        assertThat(offsets.get((int) promptTokens)).isEqualTo("Once upon a time".length());
    }

    @Test
    void streamsTextAndUsage() {
        String whole = client.completions().create(prompt("Lily and Tom", 10).seed(8).build()).choices().getFirst()
                .text();
        StringBuilder streamed = new StringBuilder();
        long usage;
        try (StreamResponse<Completion> stream = client.completions().createStreaming(prompt("Lily and Tom", 10)
                .seed(8).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            List<Completion> chunks = stream.stream().toList();
            chunks.forEach(c -> c.choices().forEach(choice -> streamed.append(choice.text())));
            usage = chunks.getLast().usage().orElseThrow().completionTokens();
        }

        assertThat(streamed.toString()).isEqualTo(whole);
        assertThat(usage).isEqualTo(10);
    }

    @Test
    void suffixIsRefused() {
        assertThatThrownBy(() -> client.completions().create(prompt("Once", 3).suffix("The end.").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("suffix");
                    assertThat(e.getMessage()).contains("suffix is not supported");
                });
    }

    @Test
    void bestOfAboveOneIsRefused() {
        assertThatThrownBy(() -> client.completions().create(prompt("Once", 3).bestOf(2L).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("best_of"));
    }

    @Test
    void moreThan2048GenerationsInOneRequestAreRefused() {
        // 1,025 prompts of one letter fit in a few kilobytes; with n=2 they would be 2,050 generations
        List<String> prompts = java.util.Collections.nCopies(1025, "a");
        assertThatThrownBy(() -> client.completions().create(CompletionCreateParams.builder().model(STORIES)
                .promptOfArrayOfStrings(prompts).n(2).maxTokens(1L).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("prompt");
                    assertThat(e.getMessage()).contains("At most 2048 completions").contains("1025 x 2");
                });
    }
}

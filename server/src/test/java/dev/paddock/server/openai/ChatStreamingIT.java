package dev.paddock.server.openai;

import static dev.paddock.server.openai.ChatCompletionsIT.storyOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streamed {@code POST /v1/chat/completions}, read by the official OpenAI Java SDK. */
@QuarkusTest
class ChatStreamingIT {

    @TestHTTPResource("/v1")
    URL v1;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        ServedModels.awaitReady();
        client = ServedModels.client(v1);
    }

    @Test
    void streamsRoleThenDeltasThenFinishThenUsage() {
        List<ChatCompletionChunk> chunks = stream(storyOf(12).seed(3).logprobs(true).streamOptions(usage()).build());

        ChatCompletionChunk first = chunks.getFirst();
        assertThat(first.choices().getFirst().delta().role()).hasValue(ChatCompletionChunk.Choice.Delta.Role.ASSISTANT);
        assertThat(chunks).extracting(ChatCompletionChunk::id).containsOnly(first.id());
        ChatCompletionChunk finish = chunks.get(chunks.size() - 2);
        assertThat(finish.choices().getFirst().finishReason()).hasValue(ChatCompletionChunk.Choice.FinishReason.LENGTH);
        assertThat(chunks.subList(0, chunks.size() - 2)).allSatisfy(c -> assertThat(c.choices().getFirst()
                .finishReason()).isEmpty());
        ChatCompletionChunk last = chunks.getLast();
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().completionTokens()).isEqualTo(12);
    }

    @Test
    void streamedTokensAddUpToTheUsage() {
        List<ChatCompletionChunk> chunks = stream(storyOf(17).seed(5).logprobs(true).streamOptions(usage()).build());

        long streamedTokens = chunks.stream().flatMap(c -> c.choices().stream())
                .mapToLong(c -> c.logprobs().flatMap(ChatCompletionChunk.Choice.Logprobs::content)
                        .map(List::size).orElse(0))
                .sum();
        assertThat(streamedTokens).isEqualTo(chunks.getLast().usage().orElseThrow().completionTokens());
    }

    @Test
    void streamedTextEqualsTheWholeAnswerForTheSameSeed() {
        ChatCompletion whole = client.chat().completions().create(storyOf(24).seed(11).build());
        List<ChatCompletionChunk> chunks = stream(storyOf(24).seed(11).build());

        StringBuilder streamed = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> choice.delta().content().ifPresent(streamed::append)));
        assertThat(streamed.toString()).isEqualTo(whole.choices().getFirst().message().content().orElseThrow());
        assertThat(chunks).allSatisfy(c -> assertThat(c.usage()).isEmpty());
    }

    @Test
    void streamsEachOfNChoicesWithItsIndex() {
        List<ChatCompletionChunk> chunks = stream(storyOf(4).n(2).seed(1).streamOptions(usage()).build());

        assertThat(chunks.stream().flatMap(c -> c.choices().stream())
                .filter(c -> c.finishReason().isPresent()).map(ChatCompletionChunk.Choice::index))
                .containsExactlyInAnyOrder(0L, 1L);
        assertThat(chunks.getLast().usage().orElseThrow().completionTokens()).isEqualTo(8);
    }

    private List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> response = client.chat().completions().createStreaming(params)) {
            return response.stream().toList();
        }
    }

    private static ChatCompletionStreamOptions usage() {
        return ChatCompletionStreamOptions.builder().includeUsage(true).build();
    }
}

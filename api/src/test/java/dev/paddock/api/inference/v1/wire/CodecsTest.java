package dev.paddock.api.inference.v1.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.inference.v1.ChatMessage;
import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.EmbedRequest;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.api.inference.v1.ToolDefinition;
import dev.paddock.api.inference.v1.Usage;
import dev.paddock.api.inference.v1.proto.WorkItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecsTest {

    @Test
    void generateRequestSurvivesTheRecordWithEveryField() throws Exception {
        var schema = new ObjectMapper().readTree("{\"type\":\"object\"}");
        var chat = new Prompt.Chat(List.of(ChatMessage.of("user", "hi"), new ChatMessage("assistant", null, "bot",
                List.of(new ChatMessage.ToolCall("c1", "f", "{}")), null)),
                List.of(new ToolDefinition("f", "does f", schema)));
        var sampling = new SamplingParams(0.5, 0.9, 10, 0.1, 1.1, 0.2, 0.3, 32, 42L, Map.of(7, -3f));
        var request = new GenerateRequest("r1", "m", chat, sampling, 16, 2, List.of("END"), true, 3, true,
                new OutputConstraint.JsonSchema(schema), Instant.ofEpochMilli(1234), Priority.BATCH);

        WorkItem item = RequestCodec.parse(RequestCodec.encode("r1#0", request).toByteArray());
        GenerateRequest back = RequestCodec.decode(item.getGenerate());

        assertThat(item.getCorrelationId()).isEqualTo("r1#0");
        assertThat(back).usingRecursiveComparison().isEqualTo(request);
    }

    @Test
    void embedRequestKeepsTextAndTokenInputs() {
        var request = new EmbedRequest("e1", "m", List.of(new Prompt.Text("a"), new Prompt.Tokens(new int[] {1, 2})),
                true);

        EmbedRequest back = RequestCodec.decode(RequestCodec.parse(RequestCodec.encode("e1#0", request)
                .toByteArray()).getEmbed());

        assertThat(back).usingRecursiveComparison().isEqualTo(request);
    }

    @Test
    void chunksEmbeddingsAndFailuresSurviveTheReplyStream() {
        var lp = new TokenLogprob(5, "a", "a".getBytes(StandardCharsets.UTF_8), -0.5f,
                List.of(new TokenLogprob.Alternative(6, "b", new byte[] {98}, -1f)));
        var chunk = new Chunk("a", 1, List.of(lp), List.of(), FinishReason.LENGTH, new Usage(3, 1, 2), null);
        var result = new EmbedResult(List.of(new float[] {0.25f, -1f}), 4);
        var failure = new InferenceException(InferenceException.Kind.CONTEXT_LENGTH_EXCEEDED, "messages", "too long");

        assertThat(ReplyCodec.decode(ReplyCodec.encode(chunk))).usingRecursiveComparison().isEqualTo(chunk);
        assertThat(ReplyCodec.decode(ReplyCodec.encode(result)).vectors().getFirst()).containsExactly(0.25f, -1f);
        assertThat(ReplyCodec.decode(ReplyCodec.encode(failure))).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(InferenceException.Kind.CONTEXT_LENGTH_EXCEEDED);
            assertThat(e.param()).isEqualTo("messages");
            assertThat(e.getMessage()).isEqualTo("too long");
        });
    }

    @Test
    void recordsThatAreNotWorkItemsAreRefusedAsPoison() {
        assertThatThrownBy(() -> RequestCodec.parse("not protobuf".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> RequestCodec.parse(new byte[0])).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("not a work item");
        assertThatThrownBy(() -> RequestCodec.parse(null)).isInstanceOf(WireFormatException.class);
    }
}

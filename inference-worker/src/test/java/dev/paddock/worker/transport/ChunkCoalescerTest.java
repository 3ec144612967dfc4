package dev.paddock.worker.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.inference.v1.proto.Chunk;
import dev.paddock.api.inference.v1.proto.FinishReason;
import dev.paddock.api.inference.v1.proto.TokenLogprob;
import dev.paddock.api.inference.v1.proto.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkCoalescerTest {

    private final List<Chunk> sent = new ArrayList<>();

    @Test
    void withoutAnIntervalEveryChunkGoesAsItCame() {
        ChunkCoalescer chunks = new ChunkCoalescer(Duration.ZERO, sent::add);
        List<Chunk> in = List.of(token("Once", 1), token(" upon", 2), last(" a", 3));
        in.forEach(chunks::add);
        chunks.flush();

        assertThat(sent).containsExactlyElementsOf(in);
    }

    @Test
    void theFirstChunkGoesAtOnceAndTheRestTogetherWithTheNewestFinishAndUsage() {
        ChunkCoalescer chunks = new ChunkCoalescer(Duration.ofDays(1), sent::add);
        chunks.add(token("Once", 1));
        assertThat(sent).as("the first token is not held back").hasSize(1);
        chunks.add(token(" upon", 2));
        chunks.add(token(" a", 3));
        assertThat(sent).as("within the interval nothing more goes").hasSize(1);
        chunks.add(last(" time", 4));

        assertThat(sent).hasSize(2);
        Chunk rest = sent.get(1);
        assertThat(rest.getText()).isEqualTo(" upon a time");
        assertThat(rest.getTokens()).isEqualTo(3);
        assertThat(rest.getLogprobsList()).extracting(TokenLogprob::getToken).containsExactly(2, 3, 4);
        assertThat(rest.getFinishReason()).isEqualTo(FinishReason.FINISH_LENGTH);
        assertThat(rest.getUsage().getCompletionTokens()).isEqualTo(4);
        chunks.flush();
        assertThat(sent).as("nothing is sent twice").hasSize(2);
    }

    @Test
    void flushSendsWhatWasGatheredWhenTheGenerationEndsWithoutAFinishChunk() {
        ChunkCoalescer chunks = new ChunkCoalescer(Duration.ofDays(1), sent::add);
        chunks.add(token("Once", 1));
        chunks.add(token(" upon", 2));
        chunks.add(token(" a", 3));
        chunks.flush();

        assertThat(sent).extracting(Chunk::getText).containsExactly("Once", " upon a");
    }

    @Test
    void anErrorIsSentAtOnceWithWhatCameBeforeIt() {
        ChunkCoalescer chunks = new ChunkCoalescer(Duration.ofDays(1), sent::add);
        chunks.add(token("Once", 1));
        chunks.add(token(" upon", 2));
        chunks.add(Chunk.newBuilder().setFinishReason(FinishReason.FINISH_ERROR).setError("engine failed").build());

        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getText()).isEqualTo(" upon");
        assertThat(sent.get(1).getError()).isEqualTo("engine failed");
    }

    private static Chunk token(String text, int id) {
        return Chunk.newBuilder().setText(text).setTokens(1)
                .addLogprobs(TokenLogprob.newBuilder().setToken(id).build()).build();
    }

    private static Chunk last(String text, int id) {
        return token(text, id).toBuilder().setFinishReason(FinishReason.FINISH_LENGTH)
                .setUsage(Usage.newBuilder().setPromptTokens(2).setCompletionTokens(id)).build();
    }
}

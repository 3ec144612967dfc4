package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/** One choice of a non-streamed response, gathered chunk by chunk. */
public final class ChoiceResult {

    private final StringBuilder text = new StringBuilder();
    private final List<TokenLogprob> logprobs = new ArrayList<>();
    private List<TokenLogprob> promptLogprobs = List.of();
    private FinishReason finishReason;

    /** Adds a chunk; throws for an engine error. */
    public void add(Chunk chunk) {
        GenerationFailed.check(chunk);
        text.append(chunk.text());
        logprobs.addAll(chunk.logprobs());
        if (!chunk.promptLogprobs().isEmpty()) {
            promptLogprobs = chunk.promptLogprobs();
        }
        if (chunk.isLast()) {
            finishReason = chunk.finishReason();
        }
    }

    public String text() {
        return text.toString();
    }

    public List<TokenLogprob> logprobs() {
        return logprobs;
    }

    public List<TokenLogprob> promptLogprobs() {
        return promptLogprobs;
    }

    /** Why the choice ended; STOP if its stream ended without saying. */
    public FinishReason finishReason() {
        return finishReason != null ? finishReason : FinishReason.STOP;
    }
}

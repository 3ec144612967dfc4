package dev.paddock.api.inference.v1;

import java.util.List;

/**
 * One piece of a generation's output stream. The last chunk of a stream has a finish reason and
 * the usage; an error chunk is always last.
 *
 * @param text text to append (may be empty, e.g. while a possible stop string is held back)
 * @param tokens how many generated tokens this chunk accounts for
 * @param logprobs logprobs of the generated tokens whose text this chunk carries (empty unless asked for)
 * @param promptLogprobs for echo requests, the prompt's tokens (first chunk only; the first has no logprob)
 * @param finishReason set on the last chunk only
 * @param usage set on the last chunk only
 * @param error what went wrong, when finishReason is ERROR
 */
public record Chunk(String text, int tokens, List<TokenLogprob> logprobs, List<TokenLogprob> promptLogprobs,
        FinishReason finishReason, Usage usage, String error) {

    public static Chunk delta(String text, int tokens, List<TokenLogprob> logprobs) {
        return new Chunk(text, tokens, logprobs, List.of(), null, null, null);
    }

    public static Chunk last(String text, int tokens, List<TokenLogprob> logprobs, FinishReason reason, Usage usage) {
        return new Chunk(text, tokens, logprobs, List.of(), reason, usage, null);
    }

    public static Chunk error(String message, Usage usage) {
        return new Chunk("", 0, List.of(), List.of(), FinishReason.ERROR, usage, message);
    }

    public boolean isLast() {
        return finishReason != null;
    }
}

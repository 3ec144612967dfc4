package dev.paddock.gateway.openai.completions;

import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.api.openai.v1.CompletionLogprobs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a choice's legacy logprobs token by token, keeping each token's character offset in the
 * choice's text. A prompt token whose log-probability is unknown (the first) gets nulls.
 */
final class LegacyLogprobs {

    /** What OpenAI sends for a log-probability of minus infinity. */
    private static final double FLOOR = -9999.0;

    private final List<String> tokens = new ArrayList<>();
    private final List<Double> logprobs = new ArrayList<>();
    private final List<Map<String, Double>> top = new ArrayList<>();
    private final List<Integer> offsets = new ArrayList<>();
    private int offset;

    /** Adds tokens at the current end of the text. */
    LegacyLogprobs add(List<TokenLogprob> added) {
        for (TokenLogprob t : added) {
            tokens.add(t.text());
            offsets.add(offset);
            offset += t.text().length();
            boolean known = !Float.isNaN(t.logprob());
            logprobs.add(known ? finite(t.logprob()) : null);
            top.add(known ? alternatives(t) : null);
        }
        return this;
    }

    /**
     * Moves the offset of the next token, so that the completion's tokens count from where the echoed
     * prompt text really ends, even when its tokens' text differs from it (a leading space, a BOS).
     */
    LegacyLogprobs moveTo(int textOffset) {
        offset = textOffset;
        return this;
    }

    /** The logprobs added since the last call, for a streamed chunk; offsets keep counting. */
    CompletionLogprobs drain() {
        CompletionLogprobs out = build();
        tokens.clear();
        logprobs.clear();
        top.clear();
        offsets.clear();
        return out;
    }

    CompletionLogprobs build() {
        return new CompletionLogprobs(List.copyOf(tokens), new ArrayList<>(logprobs), new ArrayList<>(top),
                List.copyOf(offsets));
    }

    private static Map<String, Double> alternatives(TokenLogprob t) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (TokenLogprob.Alternative a : t.top()) {
            map.putIfAbsent(a.text(), finite(a.logprob()));
        }
        // OpenAI always includes the chosen token
        map.putIfAbsent(t.text(), finite(t.logprob()));
        return map;
    }

    private static double finite(float logprob) {
        return Float.isFinite(logprob) ? logprob : FLOOR;
    }
}

package dev.paddock.gateway.openai.chat;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.api.openai.v1.ChatLogprobs;
import dev.paddock.api.openai.v1.ChatTokenLogprob;
import dev.paddock.gateway.openai.RequestChecks;
import java.util.ArrayList;
import java.util.List;

/** Chat logprobs: what a request asks for, and the engine's token logprobs in the chat format. */
final class ChatLogprobsFormat {

    /** What OpenAI sends for a log-probability of minus infinity. */
    private static final double FLOOR = -9999.0;

    private ChatLogprobsFormat() {
    }

    /** Alternatives per token to ask the engine for, or null for no logprobs. */
    static Integer requested(Boolean logprobs, Integer topLogprobs) {
        if (topLogprobs != null) {
            RequestChecks.require(Boolean.TRUE.equals(logprobs), "top_logprobs",
                    "'top_logprobs' requires 'logprobs' to be true.");
            RequestChecks.require(topLogprobs >= 0 && topLogprobs <= GenerateRequest.MAX_TOP_LOGPROBS, "top_logprobs",
                    "'top_logprobs' must be between 0 and " + GenerateRequest.MAX_TOP_LOGPROBS + ".");
        }
        return Boolean.TRUE.equals(logprobs) ? (topLogprobs != null ? topLogprobs : 0) : null;
    }

    /** The chat format of some generated tokens. */
    static ChatLogprobs of(List<TokenLogprob> tokens) {
        List<ChatTokenLogprob> content = new ArrayList<>(tokens.size());
        for (TokenLogprob t : tokens) {
            List<ChatTokenLogprob.TopLogprob> top = new ArrayList<>(t.top().size());
            for (TokenLogprob.Alternative a : t.top()) {
                top.add(new ChatTokenLogprob.TopLogprob(a.text(), finite(a.logprob()), bytes(a.bytes())));
            }
            content.add(new ChatTokenLogprob(t.text(), finite(t.logprob()), bytes(t.bytes()), top));
        }
        return ChatLogprobs.of(content);
    }

    private static double finite(float logprob) {
        return Float.isFinite(logprob) ? logprob : FLOOR;
    }

    private static List<Integer> bytes(byte[] bytes) {
        List<Integer> unsigned = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            unsigned.add(b & 0xff);
        }
        return unsigned;
    }
}

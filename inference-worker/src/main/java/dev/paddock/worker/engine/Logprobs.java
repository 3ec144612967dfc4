package dev.paddock.worker.engine;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import dev.paddock.api.inference.v1.TokenLogprob;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Log-probabilities from raw logits: a log-softmax over the whole vocabulary (before any sampling
 * filter, as vLLM and OpenAI report them), with the top alternatives.
 */
final class Logprobs {

    private Logprobs() {
    }

    static TokenLogprob of(LlamaModel model, MemorySegment logitsSegment, int token, int top) {
        float[] logits = logitsSegment.toArray(JAVA_FLOAT);
        float max = Float.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        float logZ = (float) (max + Math.log(sum));
        byte[] bytes = model.piece(token);
        return new TokenLogprob(token, text(bytes), bytes, Math.min(0f, logits[token] - logZ),
                alternatives(model, logits, logZ, top));
    }

    private static List<TokenLogprob.Alternative> alternatives(LlamaModel model, float[] logits, float logZ, int top) {
        int[] best = topIndices(logits, top);
        List<TokenLogprob.Alternative> out = new ArrayList<>(best.length);
        for (int t : best) {
            byte[] bytes = model.piece(t);
            out.add(new TokenLogprob.Alternative(t, text(bytes), bytes, Math.min(0f, logits[t] - logZ)));
        }
        return out;
    }

    /** Indices of the k largest values, largest first (a small insertion-sorted buffer; k is at most 20). */
    static int[] topIndices(float[] values, int k) {
        int n = Math.min(k, values.length);
        int[] idx = new int[n];
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            if (size == n && (n == 0 || values[i] <= values[idx[n - 1]])) {
                continue;
            }
            int pos = size < n ? size++ : n - 1;
            while (pos > 0 && values[idx[pos - 1]] < values[i]) {
                idx[pos] = idx[pos - 1];
                pos--;
            }
            idx[pos] = i;
        }
        return idx;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.openai.v1.GenerationOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * The sampling parameters of a request, with OpenAI's defaults for absent fields (temperature 1, top_p
 * 1) and the extensions off unless given (top_k 0, min_p 0, repetition_penalty 1).
 */
public final class Sampling {

    static final double TEMPERATURE = 1.0;
    static final double TOP_P = 1.0;
    static final int TOP_K = 0;
    static final double MIN_P = 0;
    static final double REPETITION_PENALTY = 1.0;

    private Sampling() {
    }

    /** Checked sampling parameters; {@code seed} overrides the request's (seed + choice index). */
    public static SamplingParams of(GenerationOptions o, Long seed) {
        return new SamplingParams(or(o.temperature(), TEMPERATURE), or(o.topP(), TOP_P),
                o.topK() != null ? o.topK() : TOP_K, or(o.minP(), MIN_P),
                or(o.repetitionPenalty(), REPETITION_PENALTY), or(o.frequencyPenalty(), 0),
                or(o.presencePenalty(), 0), SamplingParams.DEFAULTS.penaltyLastN(), seed, logitBias(o.logitBias()))
                .validate();
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }

    private static Map<Integer, Float> logitBias(Map<String, Double> bias) {
        if (bias == null) {
            return Map.of();
        }
        Map<Integer, Float> byToken = new HashMap<>();
        bias.forEach((token, value) -> {
            RequestChecks.require(value != null, "logit_bias", "'logit_bias' values must be numbers.");
            byToken.put(tokenId(token), value.floatValue());
        });
        return byToken;
    }

    private static int tokenId(String key) {
        try {
            int id = Integer.parseInt(key.strip());
            RequestChecks.require(id >= 0, "logit_bias", "'logit_bias' keys must be token ids, got '" + key + "'.");
            return id;
        } catch (NumberFormatException e) {
            throw InferenceException.invalid("logit_bias", "'logit_bias' keys must be token ids, got '" + key + "'.");
        }
    }
}

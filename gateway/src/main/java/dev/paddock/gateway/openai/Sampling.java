package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.openai.v1.GenerationOptions;
import java.util.HashMap;
import java.util.Map;

/**
 * The sampling parameters of a request. A field the request leaves out takes the model's default
 * (paddock.yaml {@code defaults}), else OpenAI's (temperature 1, top_p 1, the extensions off).
 */
public final class Sampling {

    private Sampling() {
    }

    /**
     * Checked sampling parameters.
     *
     * @param seed overrides the request's (seed + choice index)
     * @param model what the model gives the parameters the request leaves out
     */
    public static SamplingParams of(GenerationOptions o, Long seed, SamplingParams model) {
        return new SamplingParams(or(o.temperature(), model.temperature()), or(o.topP(), model.topP()),
                o.topK() != null ? o.topK() : model.topK(), or(o.minP(), model.minP()),
                or(o.repetitionPenalty(), model.repetitionPenalty()), or(o.frequencyPenalty(), 0),
                or(o.presencePenalty(), 0), model.penaltyLastN(), seed, logitBias(o.logitBias()))
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

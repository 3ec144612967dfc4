package dev.paddock.api.inference.v1;

import java.util.Map;

/**
 * How the next token is chosen. Temperature 0 means greedy decoding.
 *
 * @param temperature 0 (greedy) or more; default 0.8
 * @param topP nucleus sampling mass in (0, 1]; 1 disables it
 * @param topK keep the k most likely tokens; 0 disables it
 * @param minP drop tokens below minP times the best token's probability, in [0, 1]; 0 disables it
 * @param repetitionPenalty multiplicative penalty on repeated tokens (1 disables it), &gt; 0
 * @param frequencyPenalty OpenAI frequency penalty in [-2, 2]
 * @param presencePenalty OpenAI presence penalty in [-2, 2]
 * @param penaltyLastN how many recent tokens the penalties look at (-1 = the whole context)
 * @param seed random seed, or null for a fresh one per request
 * @param logitBias bias added to the logits of token ids, each in [-100, 100]
 */
public record SamplingParams(double temperature, double topP, int topK, double minP, double repetitionPenalty,
        double frequencyPenalty, double presencePenalty, int penaltyLastN, Long seed, Map<Integer, Float> logitBias) {

    public static final SamplingParams DEFAULTS = new SamplingParams(0.8, 1.0, 40, 0.05, 1.0, 0, 0, 64, null, Map.of());

    public static final SamplingParams GREEDY = DEFAULTS.withTemperature(0);

    /**
     * What an OpenAI request gets for the fields it leaves out: temperature 1, top_p 1, and the
     * extensions (top_k, min_p, repetition_penalty) off.
     */
    public static final SamplingParams OPENAI = new SamplingParams(1.0, 1.0, 0, 0, 1.0, 0, 0, 64, null, Map.of());

    public SamplingParams {
        logitBias = logitBias == null ? Map.of() : Map.copyOf(logitBias);
    }

    public SamplingParams withTemperature(double value) {
        return new SamplingParams(value, topP, topK, minP, repetitionPenalty, frequencyPenalty, presencePenalty,
                penaltyLastN, seed, logitBias);
    }

    public SamplingParams withSeed(Long value) {
        return new SamplingParams(temperature, topP, topK, minP, repetitionPenalty, frequencyPenalty, presencePenalty,
                penaltyLastN, value, logitBias);
    }

    /**
     * Checks every range.
     *
     * @throws InferenceException naming the first parameter out of range
     */
    public SamplingParams validate() {
        check(Double.isFinite(temperature) && temperature >= 0 && temperature <= 2, "temperature",
                "must be between 0 and 2");
        check(Double.isFinite(topP) && topP > 0 && topP <= 1, "top_p", "must be in (0, 1]");
        check(topK >= 0, "top_k", "must be 0 or more");
        check(Double.isFinite(minP) && minP >= 0 && minP <= 1, "min_p", "must be in [0, 1]");
        check(Double.isFinite(repetitionPenalty) && repetitionPenalty > 0, "repetition_penalty", "must be > 0");
        check(Double.isFinite(frequencyPenalty) && Math.abs(frequencyPenalty) <= 2, "frequency_penalty",
                "must be between -2 and 2");
        check(Double.isFinite(presencePenalty) && Math.abs(presencePenalty) <= 2, "presence_penalty",
                "must be between -2 and 2");
        check(penaltyLastN >= -1, "penalty_last_n", "must be -1 or more");
        logitBias.forEach((token, bias) -> check(bias != null && Math.abs(bias) <= 100, "logit_bias",
                "bias for token " + token + " must be between -100 and 100"));
        return this;
    }

    private static void check(boolean ok, String param, String message) {
        if (!ok) {
            throw InferenceException.invalid(param, "'" + param + "' " + message);
        }
    }
}

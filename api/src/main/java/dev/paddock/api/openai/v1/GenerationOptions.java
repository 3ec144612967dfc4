package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The options chat and text completions share: sampling (OpenAI's and the vLLM / llama-server
 * extensions), stop strings, choice count and streaming. Absent fields are null.
 */
public interface GenerationOptions {

    /** The model's name or alias. */
    String model();

    /** How many choices to generate. */
    Integer n();

    /** Whether to stream server-sent events. */
    Boolean stream();

    /** Options of the event stream. */
    StreamOptions streamOptions();

    /** A stop string or an array of up to 4. */
    JsonNode stop();

    /** Most tokens to generate. */
    Integer maxTokens();

    /** Sampling temperature, 0 to 2. */
    Double temperature();

    /** Nucleus sampling mass. */
    Double topP();

    /** Random seed. */
    Long seed();

    /** Penalty on tokens already present, -2 to 2. */
    Double presencePenalty();

    /** Penalty proportional to how often a token appeared, -2 to 2. */
    Double frequencyPenalty();

    /** Token id (as a string) to a bias from -100 to 100. */
    Map<String, Double> logitBias();

    /** vLLM extension: keep the k most likely tokens. */
    Integer topK();

    /** vLLM extension: drop tokens less likely than min_p times the best. */
    Double minP();

    /** vLLM extension: multiplicative penalty on repeated tokens. */
    Double repetitionPenalty();

    /** vLLM extension: tokens generated before end-of-generation and stop strings count. */
    Integer minTokens();

    /** vLLM extension: keep generating past end-of-generation tokens. */
    Boolean ignoreEos();
}

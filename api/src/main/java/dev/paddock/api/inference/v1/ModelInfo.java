package dev.paddock.api.inference.v1;

import java.util.List;

/**
 * What a served model is and can do.
 *
 * @param name the model's name
 * @param aliases other names it answers to
 * @param task generate or embed
 * @param contextSize tokens of context per sequence
 * @param embeddingSize vector size for embedding models (0 otherwise)
 * @param ready whether it is loaded and serving
 * @param created epoch seconds when it was loaded
 * @param sampling the sampling a request gets for the parameters it leaves out (the model's configured
 *        defaults over OpenAI's)
 */
public record ModelInfo(String name, List<String> aliases, String task, int contextSize, int embeddingSize,
        boolean ready, long created, SamplingParams sampling) {

    public ModelInfo {
        sampling = sampling != null ? sampling : SamplingParams.OPENAI;
    }

    /** A model with OpenAI's sampling defaults. */
    public ModelInfo(String name, List<String> aliases, String task, int contextSize, int embeddingSize,
            boolean ready, long created) {
        this(name, aliases, task, contextSize, embeddingSize, ready, created, SamplingParams.OPENAI);
    }
}

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
 */
public record ModelInfo(String name, List<String> aliases, String task, int contextSize, int embeddingSize,
        boolean ready, long created) {
}

package dev.paddock.api.inference.v1;

import java.util.List;

/**
 * Embedding vectors, one per input, in input order.
 *
 * @param vectors the vectors
 * @param promptTokens tokens read over all inputs
 */
public record EmbedResult(List<float[]> vectors, int promptTokens) {
}

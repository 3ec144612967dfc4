package dev.paddock.api.inference.v1;

import java.util.List;

/**
 * Embeddings for many inputs at once; each input is text or token ids.
 *
 * @param id unique request id
 * @param model the model's name
 * @param inputs the inputs, each a {@link Prompt.Text} or {@link Prompt.Tokens}
 * @param normalize scale each vector to unit length (euclidean)
 */
public record EmbedRequest(String id, String model, List<Prompt> inputs, boolean normalize) {
}

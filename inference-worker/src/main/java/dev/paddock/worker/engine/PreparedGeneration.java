package dev.paddock.worker.engine;

import dev.paddock.api.inference.v1.GenerateRequest;

/**
 * A checked request, ready to queue: its prompt tokens, token limit, grammar and seed.
 *
 * @param request the request
 * @param prompt the prompt's tokens as the model reads them
 * @param tokenLimit most tokens to generate
 * @param grammar GBNF constraining the output, or null
 * @param seed the sampler's seed
 */
public record PreparedGeneration(GenerateRequest request, int[] prompt, int tokenLimit, String grammar, long seed) {
}

package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.Chunk;

/**
 * A chunk of one of a request's generations.
 *
 * @param index the choice it belongs to
 * @param chunk the chunk
 */
public record IndexedChunk(int index, Chunk chunk) {
}

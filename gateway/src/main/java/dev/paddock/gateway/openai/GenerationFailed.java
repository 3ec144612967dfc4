package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.InferenceException;

/** Turns an engine's error chunk into the exception that ends the response with a 500 or an error event. */
public final class GenerationFailed {

    private GenerationFailed() {
    }

    /** Throws when the chunk reports an engine error. */
    public static void check(Chunk chunk) {
        if (chunk.finishReason() == FinishReason.ERROR) {
            String message = chunk.error() != null ? chunk.error() : "the generation failed";
            throw new InferenceException(InferenceException.Kind.INTERNAL, null, message);
        }
    }
}

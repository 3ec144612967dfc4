package dev.paddock.api.inference.v1;

/** Why a generation ended. */
public enum FinishReason {
    /** The model produced an end-of-generation token or a stop string matched. */
    STOP,
    /** The token limit (max tokens or the context) was reached. */
    LENGTH,
    /** The caller cancelled, or the deadline passed. */
    CANCELLED,
    /** The engine failed; the chunk's error says why. */
    ERROR
}

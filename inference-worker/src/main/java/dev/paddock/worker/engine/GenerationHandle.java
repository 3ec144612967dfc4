package dev.paddock.worker.engine;

/** A submitted generation; cancelling frees its slot at the next decode step. */
public interface GenerationHandle {

    /** Stops the generation; its stream ends with finish reason CANCELLED unless it already ended. */
    void cancel();

    /** Whether the stream has ended. */
    boolean isDone();
}

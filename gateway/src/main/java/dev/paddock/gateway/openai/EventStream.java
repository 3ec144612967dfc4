package dev.paddock.gateway.openai;

import io.vertx.core.buffer.Buffer;

/** Turns a generation's chunks into the SSE frames of one endpoint's streaming format. */
public interface EventStream {

    /** The frames for one chunk; empty when it adds nothing the client would see. */
    Buffer onChunk(IndexedChunk chunk);

    /** The frames after the last chunk (usage, {@code data: [DONE]}). */
    Buffer closing();

    /** The frames that end a stream that failed after its first frame was sent. */
    Buffer onFailure(Throwable failure);
}

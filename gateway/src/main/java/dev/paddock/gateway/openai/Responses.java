package dev.paddock.gateway.openai;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The two shapes of a completion response, both as a {@link RestMulti} so that one resource method can
 * answer either, depending on the body's {@code stream}. The REST layer writes the bytes as they are,
 * sends the headers with the first item (so a failure before it still becomes an error status), and
 * cancels the stream, and with it the generation, when the client disconnects.
 */
public final class Responses {

    private Responses() {
    }

    /** A {@code text/event-stream} of already framed events. */
    public static RestMulti<Buffer> eventStream(Multi<Buffer> events) {
        return RestMulti.fromMultiData(events).header(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }

    /** The event stream of a generation: each chunk's frames, then the closing frames or the failure frames. */
    public static RestMulti<Buffer> eventStream(Multi<IndexedChunk> chunks, EventStream events) {
        Multi<Buffer> frames = ChunkOperators.where(ChunkOperators.map(chunks, events::onChunk), b -> b.length() > 0);
        return eventStream(frames.onCompletion().continueWith(() -> List.of(events.closing()))
                .onFailure().recoverWithMulti(events::onFailure));
    }

    /** One JSON document, sent when it is complete. */
    public static RestMulti<Buffer> json(Uni<Buffer> body) {
        return RestMulti.fromMultiData(body.toMulti()).header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .build();
    }
}

package dev.paddock.gateway.openai;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * The two shapes of a completion response, both as a {@link RestMulti} so that one resource method can
 * answer either, depending on the body's {@code stream}. A failure before the first byte still becomes an
 * error status, and a client that disconnects cancels the stream, and with it the generation.
 */
public final class Responses {

    private Responses() {
    }

    /**
     * The event stream of a generation: each chunk's frames, then the closing frames or the failure frames,
     * written to {@code response} as they come (see {@link EventStreamWriter}).
     */
    public static RestMulti<Buffer> eventStream(Multi<IndexedChunk> chunks, EventStream events,
            HttpServerResponse response) {
        return RestMulti.fromMultiData(new EventStreamWriter(chunks, events, response)).build();
    }

    /** One JSON document, sent when it is complete. */
    public static RestMulti<Buffer> json(Uni<Buffer> body) {
        return RestMulti.fromMultiData(body.toMulti()).header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
                .build();
    }
}

package dev.paddock.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/** Serializes response bodies and server-sent events exactly as OpenAI frames them. */
@ApplicationScoped
public class Frames {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;

    Frames(ObjectMapper json) {
        this.json = json;
    }

    /** A JSON document. */
    public Buffer json(Object value) {
        return Buffer.buffer(bytes(value));
    }

    /** Appends {@code data: <json>\n\n} to a buffer. */
    public Buffer event(Buffer to, Object value) {
        return to.appendBytes(DATA).appendBytes(bytes(value)).appendBytes(END);
    }

    /** Appends the stream's last event, {@code data: [DONE]\n\n}. */
    public Buffer done(Buffer to) {
        return to.appendBytes(DONE);
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // our wire records always serialize; failing here is a bug, not a client mistake
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }
}

package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.openai.v1.ErrorResponse;
import dev.paddock.gateway.errors.InferenceErrors;
import dev.paddock.gateway.errors.OpenAiErrors;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * What a stream sends when its generation fails after the first event: the status is sent, so the
 * stream ends with an event holding the error envelope, and no {@code [DONE]}. (Before the first event
 * nothing has been sent, and the failure becomes an error status: see {@link EventStreamWriter}.)
 */
public final class StreamFailures {

    private static final Logger LOG = Logger.getLogger(StreamFailures.class);

    private StreamFailures() {
    }

    /** The event that carries the failure's error envelope. */
    public static Buffer event(Throwable failure, Frames frames) {
        return frames.event(Buffer.buffer(), envelope(failure));
    }

    private static ErrorResponse envelope(Throwable failure) {
        if (failure instanceof InferenceException e) {
            return InferenceErrors.envelope(e);
        }
        LOG.error("stream failed", failure);
        return ErrorResponse.of("The server had an error while processing your request.", OpenAiErrors.SERVER,
                null, null);
    }
}

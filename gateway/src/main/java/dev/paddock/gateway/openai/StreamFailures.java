package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.openai.v1.ErrorResponse;
import dev.paddock.gateway.errors.InferenceErrors;
import dev.paddock.gateway.errors.OpenAiErrors;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/**
 * What a stream does when its generation fails. Before the first event nothing has been sent, so the
 * failure goes on to the exception mappers and becomes an error status. After it, the status is sent:
 * the stream ends with an event holding the error envelope, and no {@code [DONE]}.
 */
public final class StreamFailures {

    private static final Logger LOG = Logger.getLogger(StreamFailures.class);

    private StreamFailures() {
    }

    public static Multi<Buffer> recover(Throwable failure, boolean started, Frames frames) {
        if (!started) {
            return Multi.createFrom().failure(failure);
        }
        return Multi.createFrom().item(frames.event(Buffer.buffer(), envelope(failure)));
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

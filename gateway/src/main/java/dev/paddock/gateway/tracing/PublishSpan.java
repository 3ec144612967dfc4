package dev.paddock.gateway.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Map;

/**
 * The span of one request record being published, open until the broker acknowledged the record.
 *
 * @param span the PRODUCER span
 * @param headers the record headers that carry the span's context to the worker (empty when tracing is off)
 */
public record PublishSpan(Span span, Map<String, String> headers) {

    /** Ends the span; a failure (the broker did not take the record) marks it as an error. */
    public void end(Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, "the broker did not acknowledge the record");
        }
        span.end();
    }
}

package dev.paddock.gateway.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Traces the gateway's side of the distributed transport: each request record published gets a
 * {@link SpanKind#PRODUCER} span, child of the request's HTTP span, and that span's context travels in
 * the record's headers ({@code traceparent}, {@code tracestate}: the configured propagators, W3C by
 * default) so that the worker's span continues the same trace. With the SDK disabled every span is a
 * no-op and no header is written.
 */
public final class PublishTracing {

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public PublishTracing(OpenTelemetry otel) {
        this.tracer = otel.getTracer("dev.paddock.gateway");
        this.propagator = otel.getPropagators().getTextMapPropagator();
    }

    /**
     * Starts the span of one publish.
     *
     * @param parent the context the client's request was made in (its HTTP span)
     * @param topic the requests topic the record goes to
     * @param requestId the request's id (the record key)
     * @param correlationId the id of this attempt
     * @param priority the request's class (interactive or batch)
     */
    public PublishSpan publishing(Context parent, String topic, String requestId, String correlationId,
            String priority) {
        Span span = tracer.spanBuilder("send " + topic).setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka").setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.operation.name", "send").setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.kafka.message.key", requestId).setAttribute("paddock.request.id", requestId)
                .setAttribute("paddock.correlation.id", correlationId).setAttribute("paddock.priority", priority)
                .startSpan();
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(parent.with(span), headers, (carrier, key, value) -> carrier.put(key, value));
        return new PublishSpan(span, Map.copyOf(headers));
    }
}

package dev.paddock.worker.tracing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Traces the worker's side of the distributed transport: each request record taken from Kafka gets a
 * {@link SpanKind#CONSUMER} span whose parent is the gateway's publish span, read from the record's
 * headers ({@code traceparent}/{@code tracestate}), so one trace shows gateway → queue → worker. The
 * engine's work for the record is a child span ({@link RecordSpan#engine}).
 */
public final class RecordTracing {

    /** No spans at all: for workers started without an OpenTelemetry SDK. */
    public static final RecordTracing OFF = new RecordTracing(OpenTelemetry.noop());

    private static final TextMapGetter<Headers> HEADERS = new HeaderGetter();
    private static final TextMapSetter<Metadata> METADATA = (metadata, key, value) -> metadata.put(
            Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public RecordTracing(OpenTelemetry otel) {
        this.tracer = otel.getTracer("dev.paddock.worker");
        this.propagator = otel.getPropagators().getTextMapPropagator();
    }

    /**
     * Starts the span of a record taken for processing; it lasts until the request finished.
     *
     * @param record the request record
     * @param group the consumer group that took it
     * @param requestId the request's id
     * @param priority the request's class (interactive or batch)
     */
    public RecordSpan taken(ConsumerRecord<?, ?> record, String group, String requestId, String priority) {
        Context parent = propagator.extract(Context.root(), record.headers(), HEADERS);
        long queuedMs = Math.max(0, System.currentTimeMillis() - record.timestamp());
        Span span = tracer.spanBuilder("process " + record.topic()).setParent(parent)
                .setSpanKind(SpanKind.CONSUMER).setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process").setAttribute("messaging.operation.name", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.consumer.group.name", group).setAttribute("paddock.request.id", requestId)
                .setAttribute("paddock.priority", priority).setAttribute("paddock.queue.time_ms", queuedMs)
                .startSpan();
        return new RecordSpan(tracer, parent.with(span), span, priority, queuedMs);
    }

    /**
     * Puts the current trace context in the metadata of each gRPC call started through it: a reply stream
     * is opened while the record that needs it is current ({@link RecordSpan#makeCurrent()}), so the
     * gateway's span of the stream joins that record's trace.
     */
    public ClientInterceptor replyStreamContext() {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        propagator.inject(Context.current(), headers, METADATA);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }

    /** Reads W3C trace headers from a Kafka record (the last value of a repeated header wins). */
    private static final class HeaderGetter implements TextMapGetter<Headers> {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(h -> keys.add(h.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            if (headers == null) {
                return null;
            }
            Header h = headers.lastHeader(key);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    }
}

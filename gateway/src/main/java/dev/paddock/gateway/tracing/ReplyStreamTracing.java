package dev.paddock.gateway.tracing;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Traces the reply streams workers open to this gateway: a worker opens its stream while it starts the
 * first request naming this gateway, and puts that request's trace context in the stream's gRPC metadata;
 * the stream gets a {@link SpanKind#SERVER} span in that trace, open as long as the stream (it carries
 * every later request of that worker too, each correlated by id, not by span).
 */
public final class ReplyStreamTracing implements ServerInterceptor {

    private static final TextMapGetter<Metadata> METADATA = new MetadataGetter();

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    public ReplyStreamTracing(OpenTelemetry otel) {
        this.tracer = otel.getTracer("dev.paddock.gateway");
        this.propagator = otel.getPropagators().getTextMapPropagator();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        var method = call.getMethodDescriptor();
        Span span = tracer.spanBuilder(method.getFullMethodName())
                .setParent(propagator.extract(Context.root(), headers, METADATA)).setSpanKind(SpanKind.SERVER)
                .setAttribute("rpc.system", "grpc").setAttribute("rpc.service", method.getServiceName())
                .setAttribute("rpc.method", method.getBareMethodName()).startSpan();
        AtomicBoolean ended = new AtomicBoolean();
        ServerCall<Q, R> traced = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                end(span, ended, status);
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(traced, headers)) {
            @Override
            public void onCancel() {
                end(span, ended, Status.CANCELLED);
                super.onCancel();
            }
        };
    }

    private static void end(Span span, AtomicBoolean ended, Status status) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        span.setAttribute("rpc.grpc.status_code", status.getCode().value());
        if (!status.isOk()) {
            span.setStatus(StatusCode.ERROR, status.getCode().name());
        }
        span.end();
    }

    /** Reads W3C trace headers from gRPC metadata (ASCII keys). */
    private static final class MetadataGetter implements TextMapGetter<Metadata> {
        @Override
        public Iterable<String> keys(Metadata metadata) {
            return metadata.keys();
        }

        @Override
        public String get(Metadata metadata, String key) {
            return metadata == null ? null : metadata.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
    }
}

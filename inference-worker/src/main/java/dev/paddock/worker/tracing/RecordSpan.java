package dev.paddock.worker.tracing;

import dev.paddock.api.inference.v1.InferenceService;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** The span of one request record being processed, open until the request finished. */
public final class RecordSpan {

    private final Tracer tracer;
    private final Context context;
    private final Span span;
    private final String priority;
    private final long queuedMs;

    RecordSpan(Tracer tracer, Context context, Span span, String priority, long queuedMs) {
        this.tracer = tracer;
        this.context = context;
        this.span = span;
        this.priority = priority;
        this.queuedMs = queuedMs;
    }

    /** Makes the record's span current on this thread (for the calls that open a reply stream). */
    public Scope makeCurrent() {
        return context.makeCurrent();
    }

    /** The engine as seen by this record: each generation or embedding it runs is a child span. */
    public InferenceService engine(InferenceService engine) {
        return new TracedEngine(engine, this);
    }

    /** Starts a child span for the engine's work on this record ({@code gen_ai.*} attribute names). */
    Span child(String operation, String model) {
        return tracer.spanBuilder(operation + " " + model).setParent(context).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("gen_ai.operation.name", operation).setAttribute("gen_ai.request.model", model)
                .setAttribute("paddock.priority", priority).setAttribute("paddock.queue.time_ms", queuedMs)
                .startSpan();
    }

    /** Ends the span (the request finished, failed or was cancelled). */
    public void end() {
        span.end();
    }
}

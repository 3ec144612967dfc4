package dev.paddock.worker.tracing;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.EmbedRequest;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * An engine that wraps each generation and embedding in a span (child of the record's span) carrying
 * the model, the request's class, its time in the queue and, when it ends, its token counts
 * ({@code gen_ai.*} attribute names of the OpenTelemetry semantic conventions).
 */
final class TracedEngine implements InferenceService {

    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(
            "gen_ai.response.finish_reasons");

    private final InferenceService engine;
    private final Tracer tracer;
    private final Context parent;
    private final String priority;
    private final long queuedMs;

    TracedEngine(InferenceService engine, Tracer tracer, Context parent, String priority, long queuedMs) {
        this.engine = engine;
        this.tracer = tracer;
        this.parent = parent;
        this.priority = priority;
        this.queuedMs = queuedMs;
    }

    @Override
    public Multi<Chunk> generate(GenerateRequest request) {
        Span span = start("text_completion", request.model());
        return engine.generate(request).onItem().invoke(chunk -> {
            if (chunk.isLast()) {
                finished(span, chunk);
            }
        }).onFailure().invoke(e -> failed(span, e)).onTermination().invoke(() -> span.end());
    }

    @Override
    public Uni<EmbedResult> embed(EmbedRequest request) {
        Span span = start("embeddings", request.model());
        return engine.embed(request).onItem().invoke(r -> span.setAttribute("gen_ai.usage.input_tokens",
                r.promptTokens())).onFailure().invoke(e -> failed(span, e)).onTermination().invoke(() -> span.end());
    }

    @Override
    public List<ModelInfo> models() {
        return engine.models();
    }

    private Span start(String operation, String model) {
        return tracer.spanBuilder(operation + " " + model).setParent(parent).setSpanKind(SpanKind.INTERNAL)
                .setAttribute("gen_ai.operation.name", operation).setAttribute("gen_ai.request.model", model)
                .setAttribute("paddock.priority", priority).setAttribute("paddock.queue.time_ms", queuedMs)
                .startSpan();
    }

    private static void finished(Span span, Chunk last) {
        if (last.usage() != null) {
            span.setAttribute("gen_ai.usage.input_tokens", last.usage().promptTokens());
            span.setAttribute("gen_ai.usage.output_tokens", last.usage().completionTokens());
        }
        span.setAttribute(FINISH_REASONS, List.of(last.finishReason().name().toLowerCase()));
        if (last.finishReason() == FinishReason.ERROR) {
            span.setStatus(StatusCode.ERROR, String.valueOf(last.error()));
        }
    }

    private static void failed(Span span, Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
    }
}

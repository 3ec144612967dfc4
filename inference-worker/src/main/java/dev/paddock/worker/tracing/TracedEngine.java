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
import io.opentelemetry.api.trace.StatusCode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/**
 * An engine that wraps each generation and embedding in a span (child of the record's span) carrying
 * the model, the request's class, its time in the queue and, when it ends, its token counts
 * ({@code gen_ai.*} attribute names of the OpenTelemetry semantic conventions).
 */
final class TracedEngine implements InferenceService {

    private static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(
            "gen_ai.response.finish_reasons");

    private final InferenceService engine;
    private final RecordSpan record;

    TracedEngine(InferenceService engine, RecordSpan record) {
        this.engine = engine;
        this.record = record;
    }

    @Override
    public Multi<Chunk> generate(GenerateRequest request) {
        Span span = record.child("text_completion", request.model());
        return call(span, () -> engine.generate(request)).onItem().invoke(chunk -> {
            if (chunk.isLast()) {
                finished(span, chunk);
            }
        }).onFailure().invoke(e -> failed(span, e)).onTermination().invoke(() -> span.end());
    }

    @Override
    public Uni<EmbedResult> embed(EmbedRequest request) {
        Span span = record.child("embeddings", request.model());
        return call(span, () -> engine.embed(request))
                .onItem().invoke(r -> span.setAttribute("gen_ai.usage.input_tokens", r.promptTokens()))
                .onFailure().invoke(e -> failed(span, e)).onTermination().invoke(() -> span.end());
    }

    @Override
    public List<ModelInfo> models() {
        return engine.models();
    }

    /** Calls the engine; a request it refuses at once (before any stream) ends the span as failed. */
    private static <T> T call(Span span, Supplier<T> engineCall) {
        try {
            return engineCall.get();
        } catch (RuntimeException e) {
            failed(span, e);
            span.end();
            throw e;
        }
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

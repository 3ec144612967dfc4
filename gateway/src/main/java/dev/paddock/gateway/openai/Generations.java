package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.gateway.auth.ApiKeys;
import dev.paddock.gateway.metrics.GatewayMetrics;
import dev.paddock.gateway.metrics.GenerationTimer;
import dev.paddock.gateway.metrics.ModelMeters;
import dev.paddock.gateway.metrics.RequestCounting;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a request's generations (one per choice) on the inference service and merges their chunks,
 * tagged with the choice index, timing each for the metrics. Cancelling the merged stream cancels
 * every generation.
 */
@ApplicationScoped
public class Generations {

    private final InferenceService inference;
    private final GatewayMetrics metrics;
    private final ApiKeys keys;

    Generations(InferenceService inference, GatewayMetrics metrics, ApiKeys keys) {
        this.inference = inference;
        this.metrics = metrics;
        this.keys = keys;
    }

    /**
     * The merged chunks. The service is called when the stream is subscribed: on a worker thread (it
     * templates and tokenizes with native calls, which must not hold up the event loop), or on the
     * event loop itself when the service says the request is cheap to start (a short prompt, see
     * {@link InferenceService#startsInline}), one thread hand-off less before the first token; a request it
     * refuses at once (bad parameter, unknown model) fails the stream before its first item, which the
     * REST layer still answers with an error status.
     *
     * @param model the model's own name, for the metrics
     */
    public Multi<IndexedChunk> start(String model, List<GenerateRequest> requests, RoutingContext context) {
        long start = System.nanoTime();
        Priority priority = PriorityHeader.of(context, keys);
        List<Multi<IndexedChunk>> streams = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            streams.add(generate(i, model, requests.get(i).withPriority(priority), start));
        }
        RequestCounting.model(context, model);
        ModelMeters meters = metrics.model(model);
        Multi<IndexedChunk> merged = streams.size() == 1 ? streams.getFirst()
                : Multi.createBy().merging().withConcurrency(streams.size()).streams(streams);
        return onRequestContext(merged).onCompletion().invoke(() -> GenerationTimer.requestFinished(meters, start));
    }

    /**
     * Hands the chunks to the request's event loop, where they are framed and written: the engine's
     * thread, which emits them, goes straight back to computing the next token for every sequence
     * instead of serializing and writing each stream's frames itself.
     */
    private static Multi<IndexedChunk> onRequestContext(Multi<IndexedChunk> chunks) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return chunks;
        }
        return chunks.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private Multi<IndexedChunk> generate(int index, String model, GenerateRequest request, long start) {
        GenerationTimer timer = metrics.startGeneration(model, start);
        Multi<Chunk> chunks = Multi.createFrom().deferred(() -> inference.generate(request));
        if (!inference.startsInline(request)) {
            chunks = chunks.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return ChunkOperators.map(chunks, chunk -> {
            timer.onChunk(chunk);
            return new IndexedChunk(index, chunk);
        });
    }
}

package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.gateway.metrics.GatewayMetrics;
import dev.paddock.gateway.metrics.GenerationTimer;
import dev.paddock.gateway.metrics.ModelMeters;
import dev.paddock.gateway.metrics.RequestCounting;
import io.smallrye.mutiny.Multi;
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

    Generations(InferenceService inference, GatewayMetrics metrics) {
        this.inference = inference;
        this.metrics = metrics;
    }

    /**
     * The merged chunks. A request the service refuses at once (bad parameter, unknown model) throws
     * here, before any response starts.
     *
     * @param model the model's own name, for the metrics
     */
    public Multi<IndexedChunk> start(String model, List<GenerateRequest> requests, RoutingContext context) {
        long start = System.nanoTime();
        List<Multi<IndexedChunk>> streams = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            streams.add(generate(i, model, requests.get(i), start));
        }
        RequestCounting.model(context, model);
        ModelMeters meters = metrics.model(model);
        Multi<IndexedChunk> merged = streams.size() == 1 ? streams.getFirst()
                : Multi.createBy().merging().withConcurrency(streams.size()).streams(streams);
        return merged.onCompletion().invoke(() -> GenerationTimer.requestFinished(meters, start));
    }

    private Multi<IndexedChunk> generate(int index, String model, GenerateRequest request, long start) {
        GenerationTimer timer = metrics.startGeneration(model, start);
        return inference.generate(request).map(chunk -> {
            timer.onChunk(chunk);
            return new IndexedChunk(index, chunk);
        });
    }
}

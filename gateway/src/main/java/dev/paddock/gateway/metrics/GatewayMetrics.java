package dev.paddock.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The gateway's meters, each labelled with the model; registered on first use of a model. */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A model's latency and token meters. */
    public ModelMeters model(String model) {
        return byModel.computeIfAbsent(model, m -> ModelMeters.register(registry, m));
    }

    /** Times one generation of a model, from now. */
    public GenerationTimer startGeneration(String model, long startNanos) {
        return new GenerationTimer(model(model), startNanos);
    }

    /** Counts a finished HTTP request in {@code paddock_requests_total}. */
    public void countRequest(String model, String endpoint, int status) {
        Counter.builder("paddock.requests").description("HTTP requests to the OpenAI API, by status")
                .tags("model", model, "endpoint", endpoint, "status", Integer.toString(status)).register(registry)
                .increment();
    }
}

package dev.paddock.server.metrics;

import dev.paddock.server.models.ModelRegistry;
import dev.paddock.server.models.ServedModel;
import dev.paddock.worker.engine.Engine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Engine gauges named like vLLM's, per model: requests holding a slot, requests queued, slots, KV cache
 * usage, and cumulative prompt tokens computed and reused from the cache. The requests and KV cache
 * gauges are also exported under vLLM's own names ({@code vllm:num_requests_running},
 * {@code vllm:num_requests_waiting}, {@code vllm:gpu_cache_usage_perc}, label {@code model_name}) so
 * that dashboards made for vLLM read a Paddock worker unchanged.
 */
@ApplicationScoped
public class EngineMetrics {

    @Inject
    MeterRegistry meters;

    @Inject
    ModelRegistry registry;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    void onStart(@Observes StartupEvent event) {
        registry.onModelReady(this::registerReadyModels);
        registerReadyModels();
    }

    private void registerReadyModels() {
        for (ServedModel m : registry.all()) {
            Engine e = m.engineOrNull();
            if (e != null && registered.add(m.spec().name)) {
                register(m.spec().name, e);
            }
        }
    }

    private void register(String model, Engine e) {
        Gauge.builder("paddock.requests.running", e, x -> x.stats().running()).tag("model", model)
                .description("Requests holding a slot of the engine").register(meters);
        Gauge.builder("paddock.requests.waiting", e, x -> x.stats().waiting()).tag("model", model)
                .description("Requests queued for a slot").register(meters);
        Gauge.builder("paddock.engine.slots", e, x -> x.stats().slots()).tag("model", model)
                .description("Sequences decoded together").register(meters);
        FunctionCounter.builder("paddock.prompt.tokens.computed", e, x -> x.stats().promptTokensComputed())
                .tag("model", model).description("Prompt tokens run through the model").register(meters);
        FunctionCounter.builder("paddock.prompt.tokens.cached", e, x -> x.stats().promptTokensCached())
                .tag("model", model).description("Prompt tokens reused from the KV cache").register(meters);
        FunctionCounter.builder("paddock.engine.tokens.generated", e, x -> x.stats().tokensGenerated())
                .tag("model", model).description("Tokens the engine generated, cancelled requests' included")
                .register(meters);
        if (!e.isEmbedding()) {
            registerKvCache(model, e);
        }
        registerVllm(model, e);
    }

    private void registerKvCache(String model, Engine e) {
        Gauge.builder("paddock.kv.cache.used.cells", e, x -> x.stats().kvCellsUsed()).tag("model", model)
                .description("KV cache cells holding a token (running requests and the prompt cache)")
                .register(meters);
        Gauge.builder("paddock.kv.cache.cells", e, x -> x.stats().kvCells()).tag("model", model)
                .description("KV cache cells of the model's context").register(meters);
        Gauge.builder("paddock.kv.cache.usage.ratio", e, x -> x.stats().kvCacheUsage()).tag("model", model)
                .description("Share of the KV cache in use, 0 to 1").register(meters);
    }

    private void registerVllm(String model, Engine e) {
        Gauge.builder("vllm:num_requests_running", e, x -> x.stats().running()).tag("model_name", model)
                .description("Number of requests in model execution batches (vLLM name)").register(meters);
        Gauge.builder("vllm:num_requests_waiting", e, x -> x.stats().waiting()).tag("model_name", model)
                .description("Number of requests waiting to be processed (vLLM name)").register(meters);
        if (!e.isEmbedding()) {
            Gauge.builder("vllm:gpu_cache_usage_perc", e, x -> x.stats().kvCacheUsage()).tag("model_name", model)
                    .description("KV cache usage, 1 means 100 percent (vLLM name; CPU or GPU)").register(meters);
        }
    }
}

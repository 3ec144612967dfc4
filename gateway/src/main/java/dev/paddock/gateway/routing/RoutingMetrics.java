package dev.paddock.gateway.routing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The gateway's transport metrics, per model and priority class: time from publish to a worker
 * starting ({@code paddock_queue_time_seconds}, a histogram), requests sent again after a worker went away
 * ({@code paddock_redeliveries_total}) and requests the client cancelled
 * ({@code paddock_cancelled_requests_total}). Queue depth and open streams are gauges registered by
 * {@link KafkaInferenceService}.
 */
final class RoutingMetrics {

    /** Histogram bounds of the queue time: from the transport's own overhead (ms) to minutes behind a backlog. */
    private static final Duration[] QUEUE_TIME_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500,
            5000, 10_000, 30_000, 60_000, 300_000).map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<PendingRequest, Long> publishedAt = new ConcurrentHashMap<>();

    RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(PendingRequest p) {
        publishedAt.put(p, System.nanoTime());
    }

    void started(PendingRequest p) {
        Long t0 = publishedAt.remove(p);
        if (t0 != null) {
            Timer.builder("paddock.queue.time").description("Time a request waited in Kafka for a worker")
                    .tags("model", p.model, "class", p.priority.wireName()).serviceLevelObjectives(QUEUE_TIME_BUCKETS)
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    void finished(PendingRequest p) {
        publishedAt.remove(p);
    }

    void redelivered(PendingRequest p) {
        counter("paddock.redeliveries", "Requests sent again because their worker went away", p).increment();
    }

    void cancelled(PendingRequest p) {
        counter("paddock.cancelled.requests", "Requests cancelled by their client before they finished", p)
                .increment();
    }

    private Counter counter(String name, String description, PendingRequest p) {
        return Counter.builder(name).description(description).tags("model", p.model, "class", p.priority.wireName())
                .register(registry);
    }

}

package dev.paddock.server.distributed;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.worker.transport.TransportStats;
import dev.paddock.worker.transport.WorkerTransport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.function.ToLongFunction;

/**
 * The worker's transport metrics, per model: dead letters, records dropped for a passed deadline,
 * requests cancelled while running, records taken; and the reply streams open to gateways.
 */
@ApplicationScoped
public class TransportMetrics {

    @Inject
    MeterRegistry meters;

    void register(WorkerTransport transport, Collection<String> models) {
        Gauge.builder("paddock.grpc.streams.open", transport, WorkerTransport::openStreams)
                .description("Reply streams open from this worker to gateways").register(meters);
        for (String model : models) {
            TransportStats s = transport.stats(model);
            counter("paddock.dead.letters", "Records that could not be parsed, sent to the dead-letter topic", model,
                    s, TransportStats::deadLetters);
            counter("paddock.expired.requests", "Records dropped before any compute because their deadline passed",
                    model, s, TransportStats::expired);
            counter("paddock.cancelled.requests", "Requests stopped while running (client or gateway gone)", model,
                    s, TransportStats::cancelled);
            for (Priority p : Priority.values()) {
                FunctionCounter.builder("paddock.taken.requests", s, x -> x.taken(p))
                        .description("Records taken from Kafka and started, per priority class").tag("model", model)
                        .tag("class", p.wireName()).register(meters);
            }
        }
    }

    private void counter(String name, String description, String model, TransportStats s,
            ToLongFunction<TransportStats> value) {
        FunctionCounter.builder(name, s, x -> value.applyAsLong(x)).description(description).tag("model", model)
                .register(meters);
    }
}

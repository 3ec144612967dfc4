package dev.paddock.server.distributed;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.worker.transport.TransportStats;
import dev.paddock.worker.transport.TransportStats.Count;
import dev.paddock.worker.transport.WorkerTransport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;

/**
 * The worker's transport metrics, per model and priority class ({@code class} = interactive|batch): records
 * taken, records the broker delivered again, dead letters, records dropped for a passed deadline, requests
 * cancelled while running; and the reply streams open to gateways.
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
            for (Count c : Count.values()) {
                for (Priority p : Priority.values()) {
                    FunctionCounter.builder(name(c), s, x -> x.get(c, p)).description(description(c))
                            .tag("model", model).tag("class", p.wireName()).register(meters);
                }
            }
        }
    }

    /** The Micrometer name ({@code paddock_<name>_total} in Prometheus). */
    static String name(Count c) {
        return switch (c) {
            case TAKEN -> "paddock.taken.requests";
            case REDELIVERED -> "paddock.redelivered.records";
            case DEAD_LETTERS -> "paddock.dead.letters";
            case EXPIRED -> "paddock.expired.requests";
            case CANCELLED -> "paddock.cancelled.requests";
        };
    }

    private static String description(Count c) {
        return switch (c) {
            case TAKEN -> "Records taken from Kafka and started";
            case REDELIVERED -> "Records the broker delivered more than once (their holder died, or their lock expired)";
            case DEAD_LETTERS -> "Records that could not be parsed, sent to the dead-letter topic";
            case EXPIRED -> "Records dropped before any compute because their deadline passed";
            case CANCELLED -> "Requests stopped while running (client or gateway gone)";
        };
    }
}

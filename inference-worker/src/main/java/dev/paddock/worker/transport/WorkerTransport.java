package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.inference.v1.proto.WorkerAnnouncement;
import dev.paddock.api.inference.v1.wire.ModelInfoCodec;
import dev.paddock.worker.tracing.RecordTracing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The distributed transport, worker side: one Kafka consumer per served model feeding the local engine,
 * one gRPC reply stream per gateway, and an announcement of this worker's models every few seconds on
 * {@code paddock.models} (a tombstone when it stops), from which gateways build their catalog.
 */
public final class WorkerTransport implements AutoCloseable {

    private final TransportSettings settings;
    private final InferenceService engine;
    private final WorkerProducer producer;
    private final GatewayLinks links;
    private final List<ModelConsumer> consumers = new ArrayList<>();
    private final Map<String, TransportStats> stats = new ConcurrentHashMap<>();
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("paddock-announcer").factory());

    private WorkerTransport(TransportSettings settings, InferenceService engine, RecordTracing tracing) {
        this.settings = settings;
        this.engine = engine;
        this.producer = new WorkerProducer(settings);
        this.links = new GatewayLinks(settings.workerId(), tracing.replyStreamContext());
    }

    /**
     * Creates missing topics and starts consuming.
     *
     * @param slots for each model to serve, how many of its requests may run at once
     * @param tracing spans of the records taken ({@link RecordTracing#OFF} for none)
     */
    public static WorkerTransport start(TransportSettings settings, InferenceService engine,
            Map<String, Integer> slots, RecordTracing tracing) throws InterruptedException {
        TopicSetup.ensure(settings, List.copyOf(slots.keySet()));
        WorkerTransport t = new WorkerTransport(settings, engine, tracing);
        slots.forEach((model, n) -> {
            TransportStats s = new TransportStats();
            t.stats.put(model, s);
            ModelConsumer c = new ModelConsumer(model, n, engine, t.links, t.producer, s, settings, tracing);
            t.consumers.add(c);
            c.start();
        });
        long every = settings.announceEvery().toMillis();
        t.announcer.scheduleAtFixedRate(t::announce, 0, every, TimeUnit.MILLISECONDS);
        return t;
    }

    /** The counters of a served model's consumer. */
    public TransportStats stats(String model) {
        return stats.get(model);
    }

    /** Reply streams open to gateways. */
    public int openStreams() {
        return links.open();
    }

    @Override
    public void close() throws InterruptedException {
        announcer.shutdownNow();
        producer.announce(settings.workerId(), null);
        for (ModelConsumer c : consumers) {
            c.close();
        }
        links.close();
        producer.close();
    }

    private void announce() {
        var a = WorkerAnnouncement.newBuilder().setWorkerId(settings.workerId())
                .setAnnouncedEpochMs(System.currentTimeMillis());
        for (ModelInfo m : engine.models()) {
            if (stats.containsKey(m.name())) {
                a.addModels(ModelInfoCodec.encode(m));
            }
        }
        producer.announce(settings.workerId(), a.build().toByteArray());
    }
}

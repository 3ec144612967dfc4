package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.worker.tracing.RecordTracing;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes one model's requests from Kafka through share groups (KIP-932): one {@link Slot} per engine slot,
 * each a member of the model's interactive share group and, except the last slot (kept for interactive
 * work), of its batch share group. With one slot the worker has no reserve and that slot takes both
 * classes, interactive first.
 */
final class ModelConsumer implements AutoCloseable {

    private final List<Slot> slots = new ArrayList<>();

    ModelConsumer(String model, int slotCount, InferenceService engine, GatewayLinks links, WorkerProducer deadLetters,
            TransportStats stats, TransportSettings settings, RecordTracing tracing) {
        RecordIntake intake = new RecordIntake(model, engine, links, deadLetters, stats, tracing,
                settings.batchStreamInterval());
        ShareConsumers consumers = new ShareConsumers(model, settings);
        int n = Math.max(1, slotCount);
        for (int i = 0; i < n; i++) {
            boolean takesBatch = n == 1 || i < n - 1;
            slots.add(new Slot(model + "-" + i, consumers, takesBatch, intake));
        }
    }

    void start() {
        slots.forEach(Slot::start);
    }

    @Override
    public void close() throws InterruptedException {
        slots.forEach(Slot::stop);
        for (Slot s : slots) {
            s.close();
        }
    }
}

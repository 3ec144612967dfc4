package dev.paddock.gateway.routing;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.inference.v1.proto.WorkerAnnouncement;
import dev.paddock.api.inference.v1.wire.ModelInfoCodec;
import dev.paddock.api.inference.v1.wire.Topics;
import dev.paddock.gateway.catalog.Admission;
import dev.paddock.gateway.catalog.ModelCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The models the workers serve, read from their announcements on the compacted topic
 * {@code paddock.models}: a model is listed once any worker announced it, and ready while a worker
 * announced it ready within the worker TTL.
 */
final class Catalog implements ModelCatalog {

    private static final Logger LOG = Logger.getLogger(Catalog.class);

    private final Map<String, WorkerAnnouncement> workers = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration ttl;
    private final Thread reader;

    Catalog(RoutingConfig config) {
        this.ttl = config.workerTtl();
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "paddock.gateway." + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false, ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.reader = Thread.ofPlatform().daemon().name("paddock-catalog").unstarted(this::read);
    }

    @Override
    public void start() {
        consumer.subscribe(List.of(Topics.MODELS));
        reader.start();
    }

    /** Every model announced, ready when a live worker serves it. */
    @Override
    public List<ModelInfo> models() {
        Map<String, ModelInfo> byName = new LinkedHashMap<>();
        long now = System.currentTimeMillis();
        for (WorkerAnnouncement a : workers.values()) {
            boolean live = now - a.getAnnouncedEpochMs() <= ttl.toMillis();
            for (var m : a.getModelsList()) {
                ModelInfo info = ModelInfoCodec.decode(m);
                boolean ready = live && info.ready();
                byName.merge(info.name(), withReady(info, ready), (x, y) -> x.ready() ? x : y);
            }
        }
        return new ArrayList<>(byName.values());
    }

    /**
     * The model a name or alias refers to, served by a live worker.
     *
     * @throws InferenceException 404 for a name no worker announced, 503 when none serves it now
     */
    @Override
    public Admission admit(String name) {
        if (name == null || name.isBlank()) {
            throw InferenceException.invalid("model", "'model' is required");
        }
        ModelInfo found = models().stream()
                .filter(m -> m.name().equals(name) || (m.aliases() != null && m.aliases().contains(name)))
                .findFirst().orElseThrow(() -> new InferenceException(InferenceException.Kind.MODEL_NOT_FOUND,
                        "model", "The model '" + name + "' does not exist"));
        if (!found.ready()) {
            throw new InferenceException(InferenceException.Kind.MODEL_LOADING, null,
                    "no worker serves model '" + found.name() + "' right now; retry shortly");
        }
        return Admission.now(found);
    }

    @Override
    public boolean serving(String model) {
        return models().stream().anyMatch(m -> m.name().equals(model) && m.ready());
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        reader.join(5000);
    }

    private void read() {
        try {
            while (true) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    apply(r);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<String, byte[]> r) {
        if (r.key() == null) {
            return;
        }
        if (r.value() == null) {
            workers.remove(r.key());
            return;
        }
        try {
            workers.put(r.key(), WorkerAnnouncement.parseFrom(r.value()));
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("ignoring an unreadable announcement of worker %s: %s", r.key(), e.getMessage());
        }
    }

    private static ModelInfo withReady(ModelInfo m, boolean ready) {
        return new ModelInfo(m.name(), m.aliases(), m.task(), m.contextSize(), m.embeddingSize(), ready, m.created(),
                m.sampling());
    }
}

package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.wire.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Creates the share consumers of one model: each a member of the share group of its class
 * ({@code paddock.workers.<model>} or {@code paddock.workers.<model>.batch}), taking one record per poll and
 * acknowledging each record explicitly.
 */
final class ShareConsumers {

    /** A slot may run one request for as long as its deadline allows without leaving the group. */
    private static final int MAX_POLL_INTERVAL_MS = 30 * 60 * 1000;

    /**
     * How long the broker holds a share fetch that found nothing. A consumer that was polled keeps fetching
     * until it gets a record, whether or not its slot polls it again, and a record that arrives ends the
     * waiting fetch at once: the wait only sets how often an idle consumer sends an empty fetch. With the
     * default 500 ms, the 30 consumers of two idle 8-slot models sent 60 fetches a second, 14% of a core on the
     * broker and 8% on the worker.
     */
    static final int FETCH_MAX_WAIT_MS = 5000;

    private final String model;
    private final TransportSettings settings;

    ShareConsumers(String model, TransportSettings settings) {
        this.model = model;
        this.settings = settings;
    }

    /** The share group of a model's class. */
    static String group(String model, Priority priority) {
        return Topics.workerGroup(model, priority);
    }

    List<String> topics(Priority priority) {
        return List.of(Topics.requests(model, priority));
    }

    KafkaShareConsumer<String, byte[]> create(Priority priority, String slotName) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group(model, priority));
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.workerId() + "-" + slotName + "-"
                + priority.wireName());
        c.put("share.acknowledgement.mode", "explicit");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        c.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, MAX_POLL_INTERVAL_MS);
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 2000);
        c.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return new KafkaShareConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
    }
}

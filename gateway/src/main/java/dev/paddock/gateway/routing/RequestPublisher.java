package dev.paddock.gateway.routing;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.proto.WorkItem;
import dev.paddock.api.inference.v1.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes request records, one per producer batch ({@code batch.size=0}): a share consumer's poll returns a
 * whole batch, and a slot runs one request. Records go round-robin over a topic's partitions when it has
 * several (not the sticky default, which would put a burst of requests on one partition). A write the broker does
 * not acknowledge within the broker timeout fails with {@link InferenceException.Kind#UNAVAILABLE}.
 */
final class RequestPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final AtomicLong next = new AtomicLong();

    RequestPublisher(RoutingConfig config) {
        int timeout = (int) config.brokerTimeout().toMillis();
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500, ProducerConfig.CLIENT_ID_CONFIG,
                "paddock-gateway", ProducerConfig.BATCH_SIZE_CONFIG, 0), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends one attempt of a request; completes when the broker has it. */
    CompletableFuture<Void> publish(String model, Priority priority, WorkItem item, Instant deadline,
            String replyTo, Map<String, String> trace) {
        String topic = Topics.requests(model, priority);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            int partition = (int) Math.floorMod(next.getAndIncrement(), (long) partitions.size());
            var record = new ProducerRecord<>(topic, partition, requestId(item), item.toByteArray(),
                    headers(item, priority, deadline, replyTo, trace));
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(unavailable(failure));
                }
            });
        } catch (KafkaException e) {
            done.completeExceptionally(unavailable(e));
        }
        return done;
    }

    @Override
    public void close() {
        producer.close();
    }

    private static String requestId(WorkItem item) {
        return item.hasGenerate() ? item.getGenerate().getId() : item.getEmbed().getId();
    }

    private static Headers headers(WorkItem item, Priority priority, Instant deadline, String replyTo,
            Map<String, String> trace) {
        Headers h = new RecordHeaders();
        h.add(Topics.REQUEST_ID, utf8(requestId(item)));
        h.add(Topics.DEADLINE, utf8(Long.toString(deadline.toEpochMilli())));
        h.add(Topics.PRIORITY, utf8(priority.wireName()));
        h.add(Topics.REPLY_TO, utf8(replyTo));
        trace.forEach((k, v) -> h.add(k, utf8(v)));
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static InferenceException unavailable(Throwable cause) {
        return new InferenceException(InferenceException.Kind.UNAVAILABLE,
                "the request queue (Kafka) is unreachable; retry shortly", cause);
    }
}

package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.wire.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The worker's producer: records that cannot be processed go, unchanged and with the reason in a header,
 * to {@code <topic>.dlq}; the worker's announcements go to {@code paddock.models}.
 */
final class WorkerProducer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkerProducer.class);

    private final KafkaProducer<String, byte[]> producer;

    WorkerProducer(TransportSettings settings) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.CLIENT_ID_CONFIG,
                settings.workerId(), ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000), new StringSerializer(),
                new ByteArraySerializer());
    }

    void deadLetter(ConsumerRecord<String, byte[]> r, String reason) {
        LOG.warnf("dead letter from %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), reason);
        var letter = new ProducerRecord<>(Topics.deadLetters(r.topic()), null, r.key(), r.value(), r.headers());
        letter.headers().add(Topics.DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        producer.send(letter);
    }

    void announce(String workerId, byte[] announcement) {
        producer.send(new ProducerRecord<>(Topics.MODELS, workerId, announcement));
    }

    @Override
    public void close() {
        producer.close();
    }
}

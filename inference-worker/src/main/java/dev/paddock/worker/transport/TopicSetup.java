package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.wire.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a worker needs if they are missing (per model the interactive and batch request
 * topics, their dead-letter topics, and the compacted {@code paddock.models}) and sets the configs of the
 * models' share groups ({@link GroupSetup}).
 */
final class TopicSetup {

    private TopicSetup() {
    }

    static void ensure(TransportSettings settings, List<String> models) throws InterruptedException {
        List<NewTopic> topics = new ArrayList<>();
        for (String model : models) {
            for (Priority p : Priority.values()) {
                String requests = Topics.requests(model, p);
                topics.add(new NewTopic(requests, settings.partitions(), (short) 1));
                topics.add(new NewTopic(Topics.deadLetters(requests), 1, (short) 1));
            }
        }
        topics.add(new NewTopic(Topics.MODELS, 1, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers()))) {
            for (var result : admin.createTopics(topics).values().values()) {
                await(result, settings);
            }
            GroupSetup.configure(admin, settings, models);
        }
    }

    private static void await(KafkaFuture<Void> result, TransportSettings settings) throws InterruptedException {
        try {
            result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create a Kafka topic: " + e.getCause().getMessage(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s at " + settings.bootstrapServers(), e);
        }
    }
}

package dev.paddock.manager.kafka;

import dev.paddock.manager.config.ManagerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Each model's request topic, through the Kafka Admin API: created with enough partitions for
 * {@code maxReplicas} workers (grown when it has fewer), deleted with the model, and its queue depth
 * (the workers' group lag) read for scaling. Every call waits at most the configured timeout.
 */
@ApplicationScoped
public class RequestTopics {

    private final ManagerConfig.Kafka config;
    private volatile Admin admin;

    RequestTopics(ManagerConfig config) {
        this.config = config.kafka();
    }

    /** The topic a model's requests go to. */
    public String topic(String model) {
        return config.topicPrefix() + model;
    }

    /** The consumer group of a model's workers. */
    public String group(String model) {
        return config.groupPrefix() + model;
    }

    /**
     * Creates the topic with at least {@code partitions} partitions, or adds partitions to reach it.
     *
     * @return the partitions the topic has
     */
    public int ensure(String topic, int partitions) throws KafkaUnavailable {
        int wanted = Math.max(partitions, config.minPartitions());
        Integer have = partitions(topic);
        if (have == null) {
            try {
                call(() -> admin().createTopics(List.of(new NewTopic(topic, wanted, config.replicationFactor())))
                        .all().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
                return wanted;
            } catch (KafkaUnavailable e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                have = partitions(topic);
            }
        }
        if (have != null && have < wanted) {
            call(() -> admin().createPartitions(Map.of(topic, NewPartitions.increaseTo(wanted))).all()
                    .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
            return wanted;
        }
        return have == null ? wanted : have;
    }

    /** Partitions of a topic, or null when it does not exist. */
    public Integer partitions(String topic) throws KafkaUnavailable {
        try {
            Map<String, TopicDescription> d = call(() -> admin().describeTopics(List.of(topic)).allTopicNames()
                    .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
            return d.get(topic).partitions().size();
        } catch (KafkaUnavailable e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw e;
        }
    }

    /** Deletes a topic; a topic that is already gone is fine. */
    public void delete(String topic) throws KafkaUnavailable {
        try {
            call(() -> admin().deleteTopics(List.of(topic)).all().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (KafkaUnavailable e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** Records in the topic not yet committed by the group (all of them when the group has not committed). */
    public long lag(String topic, String group) throws KafkaUnavailable {
        Integer n = partitions(topic);
        if (n == null) {
            return 0;
        }
        Set<TopicPartition> parts = IntStream.range(0, n).mapToObj(i -> new TopicPartition(topic, i))
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> committed = call(() -> admin().listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        var ends = call(() -> admin().listOffsets(parts.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        long lag = 0;
        for (TopicPartition p : parts) {
            OffsetAndMetadata c = committed.get(p);
            lag += Math.max(0, ends.get(p).offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    private Admin admin() {
        Admin a = admin;
        if (a == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis(),
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis()));
                }
                a = admin;
            }
        }
        return a;
    }

    private <T> T call(KafkaCall<T> call) throws KafkaUnavailable {
        try {
            return call.run();
        } catch (ExecutionException e) {
            throw new KafkaUnavailable(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailable("Kafka did not answer within " + config.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted", e);
        }
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close();
        }
    }

    @FunctionalInterface
    private interface KafkaCall<T> {
        T run() throws ExecutionException, TimeoutException, InterruptedException;
    }

    /** Kafka could not do what was asked (unreachable, timed out, or refused). */
    public static final class KafkaUnavailable extends Exception {
        KafkaUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

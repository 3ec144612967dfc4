package dev.paddock.manager.kafka;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.wire.Topics;
import dev.paddock.manager.config.ManagerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/**
 * Each model's request topics (interactive and batch), through the Kafka Admin API: created with enough
 * partitions for {@code maxReplicas} workers (grown when they have fewer), deleted with the model, and the
 * model's queue depth (the backlog of the workers' share groups, as the broker computes it) read for scaling.
 * Every call waits at most the configured timeout.
 */
@ApplicationScoped
public class RequestTopics {

    private static final Logger LOG = Logger.getLogger(RequestTopics.class);

    private final ManagerConfig.Kafka config;
    private volatile Admin admin;
    private volatile boolean warnedWithoutLag;

    @Inject
    RequestTopics(ManagerConfig config) {
        this(config.kafka());
    }

    RequestTopics(ManagerConfig.Kafka config) {
        this.config = config;
    }

    /** The topic a model's interactive requests go to (its endpoint). */
    public String topic(String model) {
        return Topics.requests(model, Priority.INTERACTIVE);
    }

    /** Every request topic of a model: interactive and batch. */
    public List<String> topics(String model) {
        return Arrays.stream(Priority.values()).map(p -> Topics.requests(model, p)).toList();
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

    /**
     * The model's queue depth: the records of both its request topics that the workers' share groups
     * ({@link Topics#workerGroup}) have not acknowledged or archived yet, whether waiting or being run.
     */
    public long depth(String model) throws KafkaUnavailable {
        long depth = 0;
        for (Priority p : Priority.values()) {
            depth += backlog(Topics.requests(model, p), Topics.workerGroup(model, p));
        }
        return depth;
    }

    /** Records of a topic its share group has not acknowledged or archived; 0 when the topic does not exist. */
    long backlog(String topic, String group) throws KafkaUnavailable {
        Integer n = partitions(topic);
        if (n == null) {
            return 0;
        }
        List<TopicPartition> parts = IntStream.range(0, n).mapToObj(i -> new TopicPartition(topic, i)).toList();
        Map<TopicPartition, SharePartitionOffsetInfo> state = shareState(group, parts);
        Map<TopicPartition, Long> starts = offsets(parts, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(parts, OffsetSpec.latest());
        long backlog = 0;
        for (TopicPartition p : parts) {
            SharePartitionOffsetInfo info = state.get(p);
            warnWithoutLag(info);
            backlog += ShareBacklog.records(info, starts.get(p), ends.get(p));
        }
        return backlog;
    }

    private Map<TopicPartition, SharePartitionOffsetInfo> shareState(String group, List<TopicPartition> parts)
            throws KafkaUnavailable {
        var spec = new ListShareGroupOffsetsSpec().topicPartitions(parts);
        Map<TopicPartition, SharePartitionOffsetInfo> state = call(() -> admin()
                .listShareGroupOffsets(Map.of(group, spec)).partitionsToOffsetInfo(group)
                .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        // a group no worker has joined yet has no state, like a partition no worker has fetched from yet
        return state == null ? Map.of() : state;
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> parts, OffsetSpec spec) throws KafkaUnavailable {
        var offsets = call(() -> admin().listOffsets(parts.stream().collect(Collectors.toMap(p -> p, p -> spec)))
                .all().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS));
        return offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private void warnWithoutLag(SharePartitionOffsetInfo info) {
        if (info != null && info.startOffset() >= 0 && info.lag().isEmpty() && !warnedWithoutLag) {
            warnedWithoutLag = true;
            LOG.warn("the Kafka broker reports no share-group lag (it is older than 4.2, KIP-1226): the queue depth is "
                    + "the end offset minus the persisted start offset, which counts the records acknowledged last as "
                    + "still queued, so models may not scale to zero");
        }
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

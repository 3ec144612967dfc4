package dev.paddock.server.distributed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Which part of Paddock this process runs, and the worker side of the distributed transport. The
 * gateway side is configured under {@code paddock.routing}.
 */
@ConfigMapping(prefix = "paddock.distributed")
public interface DistributedConfig {

    /** What this process runs. */
    enum Role {
        /** Gateway and engines in one process, wired in memory ({@code ./paddock serve}). */
        all,
        /** Only the OpenAI API: requests go to Kafka, replies come over gRPC. */
        gateway,
        /** Only the engines: requests come from Kafka, replies go to the gateway named in each. */
        worker
    }

    /** all (one process, the default), gateway or worker. */
    @WithDefault("all")
    Role role();

    /** Kafka bootstrap servers (host:port, comma separated). */
    @WithDefault("${kafka.bootstrap.servers:127.0.0.1:9092}")
    String bootstrapServers();

    /** This worker's id in announcements and on reply streams; absent: host name and process id. */
    Optional<String> workerId();

    /** Partitions of each requests topic a worker creates when it is missing (at least the workers per model). */
    @WithDefault("8")
    int partitions();

    /** How long the consumer group waits for a silent worker before its partitions go to the others. */
    @WithDefault("6s")
    Duration sessionTimeout();

    /** How often a worker announces its models on paddock.models. */
    @WithDefault("2s")
    Duration announceEvery();
}

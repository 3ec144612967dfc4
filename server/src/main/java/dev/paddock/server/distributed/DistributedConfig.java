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

    /**
     * Partitions of each requests topic a worker creates when it is missing. Workers take records through a
     * share group, so one partition serves any number of workers (and spreads work best, see
     * docs/kafka-work-distribution.md).
     */
    @WithDefault("1")
    int partitions();

    /**
     * How long the share group waits for a worker that stopped heartbeating before the records it held go to
     * the others (group config share.session.timeout.ms; a killed worker's connection loss releases them sooner).
     */
    @WithDefault("3s")
    Duration sessionTimeout();

    /**
     * How long a record taken by a slot stays locked to it (group config share.record.lock.duration.ms): keep it
     * at least the longest request deadline (paddock.routing.request-timeout), or a request still running when
     * its lock expires is delivered again. The broker caps it at group.share.max.record.lock.duration.ms.
     */
    @WithDefault("5m")
    Duration recordLock();

    /** How often a worker announces its models on paddock.models. */
    @WithDefault("2s")
    Duration announceEvery();

    /**
     * How long a worker gathers the generated chunks of a batch-class stream into one before sending it (the
     * first chunk goes at once; 0 sends every token as it comes, as for interactive streams). Fewer, larger
     * messages and SSE frames for throughput work leave the CPU to interactive requests.
     */
    @WithDefault("50ms")
    Duration batchStreamInterval();
}

package dev.paddock.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the gateway's distributed transport (requests over Kafka, replies over gRPC). */
@ConfigMapping(prefix = "paddock.routing")
public interface RoutingConfig {

    /** Kafka bootstrap servers (host:port, comma separated). */
    @WithDefault("${kafka.bootstrap.servers:127.0.0.1:9092}")
    String bootstrapServers();

    /** Port of the gRPC reply service workers connect to; 0 picks a free one. */
    @WithDefault("0")
    int grpcPort();

    /** Address the gRPC reply service binds to. */
    @WithDefault("127.0.0.1")
    String grpcHost();

    /** Host put in reply_to: how workers reach this gateway (the bind address when absent). */
    @WithDefault("${paddock.routing.grpc-host}")
    String advertisedHost();

    /** A request no worker has finished by then is dropped; it is also the record's deadline. */
    @WithDefault("5m")
    Duration requestTimeout();

    /**
     * Interactive requests of one model this gateway keeps published and not yet started by a worker; more are
     * answered 429 with Retry-After. Batch requests have their own limit, so a batch backlog never makes
     * interactive requests be refused.
     */
    @WithDefault("256")
    int maxQueued();

    /** Batch requests of one model this gateway keeps published and not yet started; more are answered 429. */
    @WithDefault("4096")
    int maxQueuedBatch();

    /** How long a Kafka write may take before the request is answered 503 (broker unreachable). */
    @WithDefault("600ms")
    Duration brokerTimeout();

    /** A worker whose last announcement is older than this no longer counts as serving its models. */
    @WithDefault("6s")
    Duration workerTtl();

    /** Times a request that has sent no token yet is sent again when its worker goes away. */
    @WithDefault("2")
    int retries();
}

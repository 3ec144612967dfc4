package dev.paddock.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Settings of the OpenAI-compatible HTTP API. */
@ConfigMapping(prefix = "paddock.gateway")
public interface GatewayConfig {

    /**
     * API keys a client must send as {@code Authorization: Bearer <key>} on every {@code /v1} request.
     * Absent or empty: no authentication. {@code /health} and {@code /metrics} are always open.
     */
    Optional<List<String>> apiKeys();

    /**
     * API keys accepted like {@code api-keys} whose requests are in the {@code batch} priority class by default
     * (queued behind interactive work); the {@code x-paddock-priority} header still chooses per request.
     * Setting only these turns authentication on with them as the only keys.
     */
    Optional<List<String>> batchApiKeys();

    /**
     * The largest request body accepted; a larger one is answered 413 with an OpenAI error. Keep
     * {@code quarkus.http.limits.max-body-size} above it, or Quarkus answers first with a bare 413.
     */
    @WithDefault("4M")
    MemorySize maxBodySize();

    /** How long a client is told to wait (the Retry-After header) when a queue is full or a model loading. */
    @WithDefault("1s")
    Duration retryAfter();

    /**
     * The token limit of a generation whose request sets no {@code max_tokens}; absent: generate until
     * end-of-generation or the context is full.
     */
    OptionalInt defaultMaxTokens();

    /**
     * Where the distributed gateway (role gateway) learns its models: {@code kafka}, the workers'
     * announcements; {@code kubernetes}, the {@code Model} resources (in a cluster, with the operator).
     */
    @WithDefault("kafka")
    CatalogSource catalog();

    /**
     * With the kubernetes catalog: the namespace whose Models are served; absent = the client's (the pod's
     * own); {@code *} = every namespace.
     */
    Optional<String> catalogNamespace();

    /**
     * With the kubernetes catalog: how long a request for a model scaled to zero waits for a worker to start
     * before it is answered 503 {@code model_loading} with Retry-After.
     */
    @WithDefault("2m")
    Duration scaleFromZeroTimeout();

    /** The sources of the distributed gateway's catalog. */
    enum CatalogSource {
        /** The workers' announcements on the compacted topic paddock.models. */
        kafka,
        /** The Model resources of the cluster. */
        kubernetes
    }
}

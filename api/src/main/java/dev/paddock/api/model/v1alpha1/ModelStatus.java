package dev.paddock.api.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.paddock.api.model.FieldDescriptions;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the operator has done for a {@link Model}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = FieldDescriptions.class, input = "dev.paddock.api.model.v1alpha1.ModelStatus")
public class ModelStatus {

    /** Condition type: the weights are in the cache of every chosen node. */
    public static final String CACHED = "Cached";
    /** Condition type: at least one worker is ready. */
    public static final String SERVING = "Serving";
    /** Condition type: the model takes requests (cached, topic created, serving or scaled to zero on purpose). */
    public static final String READY = "Ready";

    /** The metadata.generation this status describes. */
    @JsonPropertyDescription("The metadata.generation this status describes.")
    public Long observedGeneration;

    /** Cached, Serving and Ready, each with status, reason, message and lastTransitionTime. */
    @JsonPropertyDescription("Cached, Serving and Ready, each with status, reason, message and lastTransitionTime.")
    public List<Condition> conditions = new ArrayList<>();

    /** The cache state on each chosen node. */
    @JsonPropertyDescription("The cache state on each chosen node.")
    public List<NodeCache> nodes = new ArrayList<>();

    /** Workers ready. */
    @JsonPropertyDescription("Workers ready.")
    @StatusReplicas
    public Integer replicas;

    /** Workers wanted now. */
    @JsonPropertyDescription("Workers wanted now.")
    public Integer desiredReplicas;

    /** Label selector of the workers (for the scale subresource). */
    @JsonPropertyDescription("Label selector of the workers (for the scale subresource).")
    @LabelSelector
    public String selector;

    /** Where requests for this model go: the Kafka topic. */
    @JsonPropertyDescription("Where requests for this model go: the Kafka topic.")
    public String endpoint;

    /** When requests were last seen queued or in flight (RFC 3339); the idle timeout counts from it. */
    @JsonPropertyDescription("When requests were last seen queued (RFC 3339); the idle timeout counts from here.")
    public String lastActive;

    /** The condition of a type, or null. */
    public Condition condition(String type) {
        return conditions.stream().filter(c -> Objects.equals(c.getType(), type)).findFirst().orElse(null);
    }

    /** The weights on one node. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class NodeCache {
        /** Node name. */
        @JsonPropertyDescription("Node name.")
        public String node;

        /** Pending, Pulling, Ready or Failed. */
        @JsonPropertyDescription("Pending (waiting for the pull to start, or for other models to be evicted to make"
                + " room: see message), Pulling, Ready or Failed.")
        public Phase phase;

        /** Bytes in the cache; while pulling, the bytes downloaded so far. */
        @JsonPropertyDescription("Bytes in the cache; while pulling, the bytes downloaded so far (updated live).")
        public Long bytes;

        /** Size of the file being pulled, when the source tells it; with bytes, the pull's progress. */
        @JsonPropertyDescription("Size of the file being pulled, when the source tells it; with bytes, the pull's"
                + " progress.")
        public Long totalBytes;

        /** sha256 of the cached file. */
        @JsonPropertyDescription("sha256 of the cached file.")
        public String sha256;

        /** When a worker last used the file (RFC 3339), for least-recently-used eviction. */
        @JsonPropertyDescription("When a worker last used the file (RFC 3339), for least-recently-used eviction.")
        public String lastUsed;

        /** Why the pull failed, or what a pending pull waits for. */
        @JsonPropertyDescription("Why the pull failed, or what a pending pull waits for.")
        public String message;

        /** Pull Jobs made on this node for the current spec (1 for the first; a retry after a failure adds one). */
        @JsonPropertyDescription("Pull Jobs made on this node for the current spec: 1 for the first, each retry after a"
                + " transient failure adds one; a spec change starts again at 1.")
        public Integer attempts;

        /** Kind of the failure while Failed: Transient (retried), Checksum, Refused or ClientError (not retried). */
        @JsonPropertyDescription("While Failed, the kind of failure: Transient (network, server error, HTTP 408 or"
                + " 429: retried at retryAt), Checksum (the file's sha256 differs), Refused (host or scheme not"
                + " allowed) or ClientError (the source answered another HTTP 4xx: not found, unauthorized,"
                + " forbidden); the last three are not retried until the spec changes.")
        public String failure;

        /** When a transiently failed pull is retried (RFC 3339): a new pull Job replaces the failed one then. */
        @JsonPropertyDescription("While Failed with a Transient failure: when the operator replaces the failed pull Job"
                + " with a new one (RFC 3339); the delay doubles with each attempt, up to a cap.")
        public String retryAt;

        /** Cache phases. */
        public enum Phase {
            /** Chosen, no pull yet (or waiting for evictions to make room). */
            Pending,
            /** The pull Job runs. */
            Pulling,
            /** The verified file is in the cache. */
            Ready,
            /** The pull failed (see message). */
            Failed
        }
    }
}

package dev.paddock.manager.config;

import dev.paddock.api.model.v1alpha1.WorkerLaunch;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the model-manager operator. */
@ConfigMapping(prefix = "paddock.manager")
public interface ManagerConfig {

    /** Node caches: where weights live on each node and how much they may hold. */
    Cache cache();

    /** The pull Jobs. */
    Puller puller();

    /** The worker Deployments. */
    Worker worker();

    /** The request topics and queue-depth scaling. */
    Kafka kafka();

    /** Leader election: which replica of the operator reconciles (the others wait on the Lease). */
    LeaderElection leaderElection();

    /** Label on GPU nodes naming the GPU model, matched against spec.gpu.type. */
    @WithDefault("nvidia.com/gpu.product")
    String gpuProductLabel();

    /** How often a Model is reconciled again without events (queue depth, idle timeout). */
    @WithDefault("15s")
    Duration resyncInterval();

    /**
     * The coordination.k8s.io Lease the operator's replicas compete for; only its holder runs the reconcilers
     * (placement, pulls, scaling, topic cleanup). Active in the prod profile
     * ({@code quarkus.operator-sdk.activate-leader-election-for-profiles}).
     */
    interface LeaderElection {
        /** Name of the Lease. */
        @WithDefault("paddock-model-manager")
        String leaseName();

        /** Namespace of the Lease; unset: the pod's namespace (POD_NAMESPACE), else the client's namespace. */
        Optional<String> leaseNamespace();

        /** This replica's identity in the Lease; unset: the pod name (POD_NAME), else the host name. */
        Optional<String> identity();
    }

    /** Node caches. */
    interface Cache {
        /** Folder on every node (hostPath) holding the cached weights, one folder per namespace and model. */
        @WithDefault("/var/lib/paddock/models")
        String hostPath();

        /** Space each node's cache may use, in bytes, unless the node's paddock.dev/cache-size annotation says otherwise. */
        @WithDefault("107374182400")
        long sizeBytes();

        /**
         * How often a node copy's lastUsed moves forward while a ready worker of the model runs on the node
         * (least-recently-used eviction goes by it; finer means more status writes).
         */
        @WithDefault("1m")
        Duration lastUsedResolution();
    }

    /** The pull Jobs. */
    interface Puller {
        /** Image with Paddock's puller (the model-manager image). */
        @WithDefault("paddock/model-manager:latest")
        String image();

        /** Command that starts {@code dev.paddock.manager.puller.PullerMain}; the puller's arguments follow it. */
        @WithDefault("java,-cp,/deployments/lib/main/*:/deployments/app/*,dev.paddock.manager.puller.PullerMain")
        List<String> command();

        /** Hosts weights may come from (names or *.suffix); empty = any public host. */
        Optional<List<String>> allowedHosts();

        /** Whether loopback, link-local, private and cluster-internal source addresses, and plain http, are allowed. */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** Base URL of the Hugging Face hub (repo/resolve/revision/file is appended). */
        @WithDefault("https://huggingface.co")
        String huggingFaceUrl();

        /** How often the puller writes its progress (bytes done and total) to its log. */
        @WithDefault("2s")
        Duration progressEvery();

        /** How often a Model with a pull in progress is reconciled to read that progress into its status. */
        @WithDefault("5s")
        Duration progressPoll();

        /** Retries of a failed pull before its Job fails. */
        @WithDefault("2")
        int backoffLimit();

        /**
         * Wait before the operator replaces a pull Job that failed transiently (network, server, disk) with a new one,
         * after the first failure; it doubles with each further failure on the node, up to {@link #retryBackoffMax()}.
         * A checksum mismatch or a refused source is not retried.
         */
        @WithDefault("30s")
        Duration retryBackoff();

        /** Longest wait before a failed pull Job is replaced (the doubling of {@link #retryBackoff()} stops there). */
        @WithDefault("10m")
        Duration retryBackoffMax();
    }

    /** The worker Deployments. */
    interface Worker {
        /** Image with the Paddock server jar (deploy/container/Dockerfile); the same image runs the gateway. */
        @WithDefault("paddock/server:latest")
        String image();

        /**
         * Command that starts the server jar in the worker role; the role, broker and model are given to it in
         * environment variables (see {@link WorkerLaunch}).
         */
        @WithDefault(WorkerLaunch.COMMAND)
        List<String> command();
    }

    /** Request topics and scaling. */
    interface Kafka {
        /** Kafka bootstrap servers. */
        @WithDefault("localhost:9092")
        String bootstrapServers();

        /** Fewest partitions of a request topic (at least maxReplicas are made). */
        @WithDefault("1")
        int minPartitions();

        /** Replication factor of new request topics. */
        @WithDefault("1")
        short replicationFactor();

        /** Queued requests per worker before another worker is started. */
        @WithDefault("4")
        int targetQueuePerReplica();

        /** Longest wait for one call to Kafka. */
        @WithDefault("5s")
        Duration timeout();
    }
}

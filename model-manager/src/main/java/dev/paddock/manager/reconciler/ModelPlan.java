package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache.Phase;
import dev.paddock.manager.children.CacheLayout;
import dev.paddock.manager.children.Children;
import dev.paddock.manager.children.CleanupJobs;
import dev.paddock.manager.children.Labels;
import dev.paddock.manager.children.PullJobs;
import dev.paddock.manager.children.WorkerDeployment;
import dev.paddock.manager.config.ManagerConfig;
import dev.paddock.manager.kafka.RequestTopics;
import dev.paddock.manager.kafka.RequestTopics.KafkaUnavailable;
import dev.paddock.manager.placement.CacheEntry;
import dev.paddock.manager.placement.Demand;
import dev.paddock.manager.placement.NodePlacement;
import dev.paddock.manager.placement.Placement;
import dev.paddock.manager.puller.PullerMain;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One pass over a Model: read the queue depth and size the workers, choose nodes (evicting the least
 * recently used unserved models where a node's cache is full and the model wants workers), make one
 * pull Job per chosen node, read their cache state, size and make the worker Deployment, and compute
 * the status that results. Every step creates or changes a child only when it differs from what is wanted.
 */
@ApplicationScoped
class ModelPlan {

    private static final Logger LOG = Logger.getLogger(ModelPlan.class);
    /** Reason of the conditions of a Model whose spec breaks the CRD's rules. */
    static final String INVALID_SPEC = "InvalidSpec";
    private static final String EVICTION_WAIT = "waiting for the eviction of ";
    private static final String PULL_FAILED = "PullFailed";
    /** Cached reason: a pull failed because the source answered HTTP 4xx (not 408 or 429); not retried. */
    static final String SOURCE_CLIENT_ERROR = "SourceClientError";

    private final PullJobs pullJobs;
    private final CleanupJobs cleanupJobs;
    private final WorkerDeployment workers;
    private final NodePlacement placement;
    private final RequestTopics topics;
    private final ReplicaScaler scaler;
    private final Duration lastUsedResolution;
    private final PullBytes pullBytes;
    private final Duration retryBackoff;
    private final Duration retryBackoffMax;

    ModelPlan(ManagerConfig config, RequestTopics topics, PullBytes pullBytes) {
        this.pullJobs = new PullJobs(config);
        this.cleanupJobs = new CleanupJobs(config);
        this.workers = new WorkerDeployment(config);
        this.placement = new NodePlacement(config.gpuProductLabel(), config.cache().sizeBytes());
        this.topics = topics;
        this.scaler = new ReplicaScaler(config.kafka().targetQueuePerReplica());
        this.lastUsedResolution = config.cache().lastUsedResolution();
        this.pullBytes = pullBytes;
        this.retryBackoff = config.puller().retryBackoff();
        this.retryBackoffMax = config.puller().retryBackoffMax();
    }

    ModelStatus apply(Model model, Context<Model> context) {
        KubernetesClient client = context.getClient();
        ModelStatus before = model.getStatus();
        long generation = model.getMetadata().getGeneration();
        List<String> problems = model.getSpec() == null ? List.of("spec: required")
                : model.getSpec().validateResource();
        if (!problems.isEmpty()) {
            return invalid(before, generation, String.join("; ", problems));
        }
        ModelStatus status = new ModelStatus();
        status.observedGeneration = generation;
        Scaling scaling = scaling(model, before, status);
        CacheUsage usage = CacheUsage.read(client);
        List<Node> clusterNodes = client.nodes().list().getItems();
        Placement where = place(model, context, clusterNodes, usage, scaling.desired() > 0);
        evict(model, context, where);
        status.nodes = pull(model, client, where, before, usage, clusterNodes);
        markUsed(model, status, usage);
        List<String> ready = status.nodes.stream().filter(n -> n.phase == Phase.Ready).map(n -> n.node).toList();
        cachedCondition(status, before, generation, where, usage.evictedFrom(model));
        int readyReplicas = ready.isEmpty() ? 0 : serve(model, client, ready, scaling.desired());
        status.desiredReplicas = scaling.desired();
        status.replicas = readyReplicas;
        status.selector = WorkerDeployment.selector(model);
        status.endpoint = scaling.topic();
        servingConditions(status, before, generation, scaling.desired(), readyReplicas, scaling.kafkaProblem());
        return status;
    }

    /**
     * The status of a Model whose spec the API server would refuse (an object from before a CRD rule, or a server
     * that did not check): Cached, Serving and Ready False with reason InvalidSpec and the problems; no child is
     * created or changed, and what the nodes hold (status.nodes) stays as it was, so the cache accounting of the
     * other models stays true.
     */
    private static ModelStatus invalid(ModelStatus before, long generation, String message) {
        LOG.debugf("invalid spec: %s", message);
        ModelStatus status = before == null ? new ModelStatus() : Serialization.clone(before);
        status.observedGeneration = generation;
        Conditions.set(status, before, ModelStatus.CACHED, false, INVALID_SPEC, message, generation);
        Conditions.set(status, before, ModelStatus.SERVING, false, INVALID_SPEC, message, generation);
        Conditions.set(status, before, ModelStatus.READY, false, INVALID_SPEC, message, generation);
        return status;
    }

    /** Space a model reserves in a cache before its size is known from a pull. */
    static long reserved(Model m) {
        return m.getSpec() == null || m.getSpec().cacheSize == null ? 0
                : m.getSpec().cacheSize.getNumericalAmount().longValue();
    }

    private Scaling scaling(Model model, ModelStatus before, ModelStatus status) {
        String topic = topics.topic(model.servedName());
        String kafkaProblem = ensureTopics(model);
        long depth = kafkaProblem != null ? -1 : depth(model);
        status.lastActive = depth > 0 ? Instant.now().toString() : lastActive(model, before);
        Integer current = before == null ? null : before.desiredReplicas;
        int desired = scaler.desired(model.getSpec(), depth, current, Instant.parse(status.lastActive), Instant.now());
        return new Scaling(topic, kafkaProblem, desired);
    }

    private Placement place(Model model, Context<Model> context, List<Node> nodes, CacheUsage usage,
            boolean wantsWorkers) {
        Set<String> holding = new HashSet<>();
        long need = reserved(model);
        if (model.getStatus() != null) {
            model.getStatus().nodes.forEach(n -> holding.add(n.node));
            need = Math.max(need, model.getStatus().nodes.stream().filter(n -> n.phase == Phase.Ready)
                    .map(n -> n.bytes).filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(0));
        }
        Set<String> evicted = usage.evictedFrom(model);
        holding.removeAll(evicted);
        Demand demand = new Demand(model.getSpec(), need, holding, evicted, wantsWorkers);
        return placement.choose(nodes, demand, usage.others(model, context.getPrimaryCache().list()));
    }

    private void evict(Model model, Context<Model> context, Placement where) {
        where.evictions().forEach((node, victims) -> {
            for (CacheEntry v : victims) {
                Model victim = context.getPrimaryCache().get(new ResourceID(v.model(), v.namespace())).orElse(null);
                if (victim != null) {
                    LOG.infof("evicting %s/%s from the cache of node %s (last used %s) to make room for %s/%s",
                            v.namespace(), v.model(), node, v.lastUsed(), model.getMetadata().getNamespace(),
                            model.getMetadata().getName());
                    Children.apply(context.getClient(), cleanupJobs.eviction(victim, node, model), true);
                }
            }
        });
    }

    private List<NodeCache> pull(Model model, KubernetesClient client, Placement where, ModelStatus before,
            CacheUsage usage, List<Node> clusterNodes) {
        CacheStates states = new CacheStates(client, pullBytes, model.servedName());
        Set<String> live = new HashSet<>();
        Set<String> wanted = where.nodes().stream().map(n -> PullJobs.name(model, n)).collect(Collectors.toSet());
        List<Job> existing = client.batch().v1().jobs().inNamespace(model.getMetadata().getNamespace())
                .withLabels(Labels.of(model, PullJobs.COMPONENT)).list().getItems();
        Set<String> existingNames = existing.stream().map(j -> j.getMetadata().getName()).collect(Collectors.toSet());
        StaleFiles stale = StaleFiles.sort(client, cleanupJobs, model,
                existing.stream().filter(j -> !wanted.contains(j.getMetadata().getName())).toList(),
                clusterNodes.stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet()));
        List<NodeCache> nodes = where.nodes().stream().map(node -> {
            List<String> awaited = where.evictions().containsKey(node)
                    ? where.evictions().get(node).stream().map(v -> v.namespace() + "/" + v.model()).toList()
                    : usage.evictionsAwaited(model, node);
            if (!awaited.isEmpty()) {
                return waitingForEviction(node, awaited);
            }
            if (stale.removingCurrentFile(node)) {
                return waiting(node, "waiting for an earlier removal of " + CacheLayout.fileName(model)
                        + " from this node's cache to finish");
            }
            Job desired = pullJobs.desired(model, node);
            // the node's status entry tells of an earlier source until this source's first Job exists
            NodeCache was = before == null || (stale.replacedOn(node) && !existingNames.contains(
                    desired.getMetadata().getName())) ? null
                    : before.nodes.stream().filter(n -> node.equals(n.node)).findFirst().orElse(null);
            int attempt = retry(client, desired, was);
            Job job = Children.apply(client, desired, true, Map.of(Labels.ATTEMPT, Integer.toString(attempt)));
            live.add(job.getMetadata().getUid());
            NodeCache state = states.read(node, job, was, model.getSpec().sha256);
            state.attempts = attempt(job);
            if (state.phase == Phase.Failed) {
                state.retryAt = retryAt(state, was);
            }
            return state;
        }).toList();
        pullBytes.retain(model.getMetadata().getNamespace(), model.getMetadata().getName(), live);
        stale.removeUnneeded(nodes, usage);
        return nodes;
    }

    /**
     * Deletes the node's failed pull Job once its retryAt has come, so that a new one is made in its place; returns
     * the attempt number a pull Job created now gets (the next one after such a deletion, else the status's).
     */
    private int retry(KubernetesClient client, Job desired, NodeCache was) {
        int attempts = was == null || was.attempts == null ? 1 : was.attempts;
        if (was == null || was.phase != Phase.Failed || was.retryAt == null
                || Instant.now().isBefore(Instant.parse(was.retryAt))) {
            return attempts;
        }
        Job failed = client.resource(desired).get();
        if (failed != null && !JobOutcome.failed(failed)) {
            return attempts;
        }
        if (failed != null) {
            LOG.infof("pull Job %s/%s failed (attempt %d: %s); replacing it", failed.getMetadata().getNamespace(),
                    failed.getMetadata().getName(), attempts, was.message);
            client.resource(failed).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
        return attempts + 1;
    }

    /** A pull Job's attempt number on its node (1 when it carries none: the first, or one made for a changed spec). */
    private static int attempt(Job job) {
        String a = job.getMetadata().getAnnotations() == null ? null
                : job.getMetadata().getAnnotations().get(Labels.ATTEMPT);
        try {
            return a == null ? 1 : Math.max(1, Integer.parseInt(a));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * When a failed pull is tried again: null for a failure that would repeat (checksum, refused source, HTTP client
     * error), else the
     * time set when this attempt's failure was first seen, retryBackoff × 2^(attempts-1) later, at most
     * retryBackoffMax.
     */
    private String retryAt(NodeCache failed, NodeCache was) {
        if (!PullerMain.TRANSIENT.equals(failed.failure)) {
            return null;
        }
        if (was != null && was.phase == Phase.Failed && was.retryAt != null
                && Objects.equals(was.attempts, failed.attempts)) {
            return was.retryAt;
        }
        return Instant.now().plus(backoff(failed.attempts)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The wait after the given number of failed attempts: retryBackoff, doubled per further attempt, capped. */
    Duration backoff(int attempts) {
        Duration d = retryBackoff;
        for (int i = 1; i < attempts && d.compareTo(retryBackoffMax) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retryBackoffMax) > 0 ? retryBackoffMax : d;
    }

    private static NodeCache waitingForEviction(String node, List<String> models) {
        return waiting(node, EVICTION_WAIT + String.join(", ", models) + " from this node's cache");
    }

    private static NodeCache waiting(String node, String message) {
        NodeCache c = new NodeCache();
        c.node = node;
        c.phase = Phase.Pending;
        c.message = message;
        return c;
    }

    /** lastUsed of a node's copy: now, while a ready worker runs there (rounded to lastUsedResolution). */
    private void markUsed(Model model, ModelStatus status, CacheUsage usage) {
        Instant now = Instant.now();
        for (NodeCache n : status.nodes) {
            boolean stale = n.lastUsed == null || Instant.parse(n.lastUsed).plus(lastUsedResolution).isBefore(now);
            if (n.phase == Phase.Ready && stale && usage.readyWorkerOn(model, n.node)) {
                n.lastUsed = now.toString();
            }
        }
    }

    /** Creates the model's request topics; returns what went wrong, or null. */
    private String ensureTopics(Model model) {
        for (String topic : topics.topics(model.servedName())) {
            try {
                topics.ensure(topic, model.getSpec().maxReplicas);
            } catch (KafkaUnavailable e) {
                return "topic " + topic + ": " + e.getMessage();
            }
        }
        return null;
    }

    /** Queued requests of the model, or -1 when Kafka could not say (the replicas then stay as they are). */
    private long depth(Model model) {
        try {
            return topics.depth(model.servedName());
        } catch (KafkaUnavailable e) {
            LOG.warnf("queue depth of %s: %s", model.servedName(), e.getMessage());
            return -1;
        }
    }

    private static String lastActive(Model model, ModelStatus before) {
        if (before != null && before.lastActive != null) {
            return before.lastActive;
        }
        String created = model.getMetadata().getCreationTimestamp();
        return created != null ? Instant.parse(created).toString() : Instant.now().toString();
    }

    private int serve(Model model, KubernetesClient client, List<String> readyNodes, int replicas) {
        Deployment d = Children.apply(client, workers.desired(model, readyNodes, replicas), false);
        Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private static void cachedCondition(ModelStatus status, ModelStatus before, long generation, Placement where,
            Set<String> evicted) {
        List<NodeCache> failed = status.nodes.stream().filter(n -> n.phase == Phase.Failed).toList();
        List<NodeCache> waiting = status.nodes.stream().filter(n -> n.phase == Phase.Pending && n.message != null)
                .toList();
        List<NodeCache> evicting = waiting.stream().filter(n -> n.message.startsWith(EVICTION_WAIT)).toList();
        boolean all = !status.nodes.isEmpty() && status.nodes.stream().allMatch(n -> n.phase == Phase.Ready);
        boolean full = status.nodes.isEmpty() && (!where.full().isEmpty() || !evicted.isEmpty());
        String reason = full ? "CacheFull" : status.nodes.isEmpty() ? "NoEligibleNode" : all ? "Pulled"
                : !failed.isEmpty() ? failedReason(failed.getFirst()) : !evicting.isEmpty() ? "Evicting" : "Pulling";
        String message = switch (reason) {
            case "CacheFull" -> cacheFullMessage(where, evicted);
            case "NoEligibleNode" -> "no node fits the model's GPU, selector, affinity and taints";
            case PULL_FAILED, SOURCE_CLIENT_ERROR -> failedMessage(failed.getFirst());
            case "Evicting" -> evicting.getFirst().node + ": " + evicting.getFirst().message;
            default -> status.nodes.stream().filter(n -> n.phase == Phase.Ready).count() + "/" + status.nodes.size()
                    + " nodes hold the weights"
                    + (waiting.isEmpty() ? "" : "; " + waiting.getFirst().node + ": " + waiting.getFirst().message);
        };
        Conditions.set(status, before, ModelStatus.CACHED, all, reason, message, generation);
    }

    /** SourceClientError when the source answered the request with a client error, else PullFailed. */
    private static String failedReason(NodeCache n) {
        return PullerMain.CLIENT_ERROR.equals(n.failure) ? SOURCE_CLIENT_ERROR : PULL_FAILED;
    }

    private static String failedMessage(NodeCache n) {
        String attempt = "attempt " + (n.attempts == null ? 1 : n.attempts);
        String next = n.retryAt != null ? "; retried at " + n.retryAt : "; not retried (" + whyNotRetried(n.failure)
                + ") until the spec changes or the failed pull Job is deleted";
        return n.node + ": " + n.message + " (" + attempt + next + ")";
    }

    private static String whyNotRetried(String failure) {
        if (PullerMain.CHECKSUM.equals(failure)) {
            return "the same file would mismatch again";
        }
        if (PullerMain.CLIENT_ERROR.equals(failure)) {
            return "the source would answer the same: check the URL, repository, file and revision, and the token";
        }
        return "the source is not allowed";
    }

    private static String cacheFullMessage(Placement where, Set<String> evicted) {
        List<String> parts = new ArrayList<>(where.full());
        evicted.stream().sorted().map(n -> n + " (evicted for another model a short while ago)").forEach(parts::add);
        return "no room in the node caches: " + String.join("; ", parts);
    }

    private static void servingConditions(ModelStatus status, ModelStatus before, long generation, int desired,
            int ready, String kafkaProblem) {
        boolean cached = "True".equals(status.condition(ModelStatus.CACHED).getStatus());
        String reason = ready > 0 ? "WorkersReady" : desired == 0 ? "ScaledToZero" : cached ? "WorkersStarting"
                : "NotCached";
        Conditions.set(status, before, ModelStatus.SERVING, ready > 0, reason,
                ready + "/" + desired + " workers ready", generation);
        boolean ok = cached && kafkaProblem == null && (ready > 0 || desired == 0);
        String readyReason = kafkaProblem != null ? "TopicUnavailable" : !cached ? "NotCached"
                : ok ? (ready > 0 ? "Serving" : "ScaledToZero") : "WorkersStarting";
        String message = kafkaProblem != null ? kafkaProblem : ok ? "takes requests on " + status.endpoint
                : "waiting for workers";
        Conditions.set(status, before, ModelStatus.READY, ok, readyReason, message, generation);
    }

    private record Scaling(String topic, String kafkaProblem, int desired) {
    }
}

package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache.Phase;
import dev.paddock.manager.children.CacheLayout;
import dev.paddock.manager.children.CleanupJobs;
import dev.paddock.manager.children.Labels;
import dev.paddock.manager.children.WorkerDeployment;
import dev.paddock.manager.placement.CacheEntry;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the node caches hold, across all namespaces, read once per reconcile: every Model's cache
 * entries, where each model's workers run (a worker pod bound to a node, not finished, keeps that
 * node's copy from eviction; a ready one marks it used, and the weights file it was started with is not removed
 * under it), and the eviction Jobs in progress (an entry being evicted no longer counts, and its model stays off that
 * node while the Job exists).
 */
final class CacheUsage {

    private final Set<String> workersOn = new HashSet<>();
    private final Set<String> readyWorkersOn = new HashSet<>();
    /** The environment values of the workers bound to each node, by {@link #key}. */
    private final Map<String, List<String>> workerEnvOn = new HashMap<>();
    private final List<Job> evictions;

    private CacheUsage(List<Pod> workerPods, List<Job> evictions) {
        for (Pod p : workerPods) {
            String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
            String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
            if (node == null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                continue;
            }
            String key = key(p.getMetadata().getNamespace(), p.getMetadata().getLabels().get(Labels.MODEL), node);
            workersOn.add(key);
            workerEnvOn.computeIfAbsent(key, k -> new ArrayList<>()).addAll(envValues(p));
            if (ready(p)) {
                readyWorkersOn.add(key);
            }
        }
        this.evictions = evictions;
    }

    static CacheUsage read(KubernetesClient client) {
        List<Pod> pods = client.pods().inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.OPERATOR)
                .withLabel(Labels.COMPONENT, WorkerDeployment.COMPONENT).list().getItems();
        List<Job> jobs = client.batch().v1().jobs().inAnyNamespace().withLabel(Labels.MANAGED_BY, Labels.OPERATOR)
                .withLabel(Labels.COMPONENT, CleanupJobs.EVICT).list().getItems();
        return new CacheUsage(pods, jobs);
    }

    /** What the other models hold on each node, entries being evicted left out. */
    Map<String, List<CacheEntry>> others(Model model, Stream<Model> all) {
        String uid = model.getMetadata().getUid();
        return all.filter(m -> !m.getMetadata().getUid().equals(uid) && m.getStatus() != null)
                .flatMap(m -> m.getStatus().nodes.stream().filter(n -> !beingEvicted(m, n.node))
                        .map(n -> Map.entry(n.node, entry(m, n))))
                .collect(Collectors.groupingBy(Map.Entry::getKey, HashMap::new,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** Nodes the model was evicted from (while the eviction Job exists). */
    Set<String> evictedFrom(Model model) {
        return evictions.stream().filter(j -> sameModel(j, model)).map(Labels::node)
                .collect(Collectors.toSet());
    }

    /** Namespace/name of the models whose eviction from the node, for this model, has not finished. */
    List<String> evictionsAwaited(Model model, String node) {
        String self = model.getMetadata().getNamespace() + "/" + model.getMetadata().getName();
        return evictions.stream().filter(j -> self.equals(j.getMetadata().getAnnotations().get(Labels.EVICTED_FOR)))
                .filter(j -> node.equals(Labels.node(j)))
                .filter(j -> !JobOutcome.finished(j))
                .map(j -> j.getMetadata().getNamespace() + "/" + j.getMetadata().getLabels().get(Labels.MODEL)).toList();
    }

    /** Whether a ready worker of the model runs on the node. */
    boolean readyWorkerOn(Model model, String node) {
        return readyWorkersOn.contains(key(model.getMetadata().getNamespace(), model.getMetadata().getName(), node));
    }

    /**
     * Whether a worker pod of the model bound to the node (running or starting) was started with this weights file:
     * its environment names {@code /cache/<file>} (the served spec's source).
     */
    boolean workerStartedWith(Model model, String node, String file) {
        String path = CacheLayout.MOUNT + "/" + file;
        return workerEnvOn.getOrDefault(key(model.getMetadata().getNamespace(), model.getMetadata().getName(), node),
                List.of()).stream().anyMatch(v -> v.contains(path));
    }

    private static List<String> envValues(Pod p) {
        return p.getSpec().getContainers().stream().filter(c -> c.getEnv() != null).flatMap(c -> c.getEnv().stream())
                .map(EnvVar::getValue).filter(Objects::nonNull).toList();
    }

    private CacheEntry entry(Model m, NodeCache n) {
        long bytes = n.bytes != null && n.phase == Phase.Ready ? n.bytes : ModelPlan.reserved(m);
        boolean evictable = n.phase == Phase.Ready
                && !workersOn.contains(key(m.getMetadata().getNamespace(), m.getMetadata().getName(), n.node));
        Instant lastUsed = n.lastUsed == null ? null : Instant.parse(n.lastUsed);
        return new CacheEntry(m.getMetadata().getNamespace(), m.getMetadata().getName(), bytes, lastUsed, evictable);
    }

    private boolean beingEvicted(Model m, String node) {
        return evictions.stream().anyMatch(j -> sameModel(j, m)
                && node.equals(Labels.node(j)));
    }

    private static boolean sameModel(Job job, Model m) {
        return job.getMetadata().getNamespace().equals(m.getMetadata().getNamespace())
                && m.getMetadata().getName().equals(job.getMetadata().getLabels().get(Labels.MODEL));
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String key(String namespace, String model, String node) {
        return namespace + "/" + model + "/" + node;
    }
}

package dev.paddock.manager.placement;

import io.fabric8.kubernetes.api.model.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the nodes that hold a model's weights: eligible nodes ({@link NodeEligibility}) with room in
 * their cache, the ones already holding the model first (so weights are not pulled again), then the
 * ones where it fits without evicting anything, most free cache first; as many as it takes for
 * {@code maxReplicas} workers to fit (GPU nodes fit allocatable / gpu.count workers each, CPU nodes
 * one). A model that wants workers now may take a node whose cache is full by evicting the models
 * there that no worker uses, least recently used first, until it fits.
 */
public final class NodePlacement {

    /** Annotation on a node overriding the configured cache size, in bytes. */
    public static final String CACHE_SIZE_ANNOTATION = "paddock.dev/cache-size";
    private static final Comparator<CacheEntry> LEAST_RECENTLY_USED = Comparator
            .comparing(CacheEntry::lastUsed, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(CacheEntry::namespace).thenComparing(CacheEntry::model);

    private final NodeEligibility eligibility;
    private final long defaultCacheBytes;

    /**
     * @param gpuProductLabel node label naming the GPU model
     * @param defaultCacheBytes cache size of nodes without the {@value #CACHE_SIZE_ANNOTATION} annotation
     */
    public NodePlacement(String gpuProductLabel, long defaultCacheBytes) {
        this.eligibility = new NodeEligibility(gpuProductLabel);
        this.defaultCacheBytes = defaultCacheBytes;
    }

    /**
     * @param nodes the cluster's nodes
     * @param demand the model and what it may do
     * @param others what other models hold in each node's cache, by node name
     */
    public Placement choose(Collection<Node> nodes, Demand demand, Map<String, List<CacheEntry>> others) {
        Map<String, List<CacheEntry>> evictions = new LinkedHashMap<>();
        List<String> full = new ArrayList<>();
        List<Node> candidates = new ArrayList<>();
        for (Node n : nodes) {
            if (!eligibility.eligible(n, demand.spec()) || demand.excluded().contains(name(n))) {
                continue;
            }
            NodeSpace space = new NodeSpace(cacheBytes(n), others.getOrDefault(name(n), List.of()));
            if (demand.holding().contains(name(n)) || space.free() >= demand.needBytes()) {
                candidates.add(n);
            } else if (demand.mayEvict() && space.free() + space.reclaimable() >= demand.needBytes()) {
                candidates.add(n);
                evictions.put(name(n), space.victims(demand.needBytes()));
            } else {
                full.add(space.describe(name(n), demand));
            }
        }
        candidates.sort(Comparator.comparing((Node n) -> !demand.holding().contains(name(n)))
                .thenComparing(n -> evictions.containsKey(name(n)))
                .thenComparing(n -> -free(n, others)).thenComparing(NodePlacement::name));
        List<String> chosen = pickUntilReplicasFit(candidates, demand);
        evictions.keySet().retainAll(chosen);
        return new Placement(chosen, evictions, full);
    }

    /** Bytes a node's cache may hold. */
    public long cacheBytes(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(CACHE_SIZE_ANNOTATION);
        return value == null ? defaultCacheBytes : Long.parseLong(value);
    }

    private List<String> pickUntilReplicasFit(List<Node> candidates, Demand demand) {
        List<String> chosen = new ArrayList<>();
        int fits = 0;
        for (Node n : candidates) {
            if (fits >= demand.spec().maxReplicas) {
                break;
            }
            chosen.add(name(n));
            fits += eligibility.capacity(n, demand.spec());
        }
        return chosen;
    }

    private long free(Node node, Map<String, List<CacheEntry>> others) {
        return new NodeSpace(cacheBytes(node), others.getOrDefault(name(node), List.of())).free();
    }

    private static String name(Node n) {
        return n.getMetadata().getName();
    }

    /** One node's cache: its size and what other models hold there. */
    private record NodeSpace(long size, List<CacheEntry> entries) {

        long free() {
            return size - entries.stream().mapToLong(CacheEntry::bytes).sum();
        }

        long reclaimable() {
            return entries.stream().filter(CacheEntry::evictable).mapToLong(CacheEntry::bytes).sum();
        }

        /** The fewest least recently used evictable entries that make room for {@code need} bytes. */
        List<CacheEntry> victims(long need) {
            List<CacheEntry> victims = new ArrayList<>();
            long free = free();
            for (CacheEntry e : entries.stream().filter(CacheEntry::evictable).sorted(LEAST_RECENTLY_USED).toList()) {
                if (free >= need) {
                    break;
                }
                victims.add(e);
                free += e.bytes();
            }
            return victims;
        }

        String describe(String node, Demand demand) {
            return node + " (" + free() + " of " + size + " bytes free, " + demand.needBytes() + " needed, "
                    + (demand.mayEvict() ? reclaimable() + " held by models no worker uses"
                            : "no eviction while the model wants no workers")
                    + ")";
        }
    }
}

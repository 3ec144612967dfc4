package dev.paddock.manager.placement;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the nodes that hold a model's weights: eligible nodes ({@link NodeEligibility}) with room in
 * their cache, the ones already holding the model first (so weights are not pulled again), then the
 * ones with the most free cache; as many as it takes for {@code maxReplicas} workers to fit (GPU nodes
 * fit allocatable / gpu.count workers each, CPU nodes one).
 */
public final class NodePlacement {

    /** Annotation on a node overriding the configured cache size, in bytes. */
    public static final String CACHE_SIZE_ANNOTATION = "paddock.dev/cache-size";

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
     * @param spec the model
     * @param needBytes space the model takes in a cache (0 when unknown)
     * @param usedByOthers bytes other models hold in each node's cache, by node name
     * @param holding nodes that already hold (or are pulling) this model
     * @return chosen node names, in order of preference; empty when none fits
     */
    public List<String> choose(Collection<Node> nodes, ModelResourceSpec spec, long needBytes,
            Map<String, Long> usedByOthers, Set<String> holding) {
        List<Node> candidates = nodes.stream().filter(n -> eligibility.eligible(n, spec))
                .filter(n -> holding.contains(name(n)) || free(n, usedByOthers) >= needBytes)
                .sorted(Comparator.comparing((Node n) -> !holding.contains(name(n)))
                        .thenComparing(n -> -free(n, usedByOthers)).thenComparing(NodePlacement::name))
                .toList();
        List<String> chosen = new ArrayList<>();
        int fits = 0;
        for (Node n : candidates) {
            if (fits >= spec.maxReplicas) {
                break;
            }
            chosen.add(name(n));
            fits += eligibility.capacity(n, spec);
        }
        return chosen;
    }

    /** Bytes a node's cache may hold. */
    public long cacheBytes(Node node) {
        Map<String, String> annotations = node.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(CACHE_SIZE_ANNOTATION);
        return value == null ? defaultCacheBytes : Long.parseLong(value);
    }

    private long free(Node node, Map<String, Long> usedByOthers) {
        return cacheBytes(node) - usedByOthers.getOrDefault(name(node), 0L);
    }

    private static String name(Node n) {
        return n.getMetadata().getName();
    }
}

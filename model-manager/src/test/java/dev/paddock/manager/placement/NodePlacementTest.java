package dev.paddock.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodePlacementTest {

    private static final long GIB = 1L << 30;
    private final NodePlacement placement = new NodePlacement("nvidia.com/gpu.product", 100 * GIB);
    private final List<Node> cluster = FakeNodes.cluster();

    @Test
    void gpuModelGoesToGpuNodesUntilMaxReplicasFit() {
        ModelResourceSpec spec = gpu(1, null, 3);
        assertThat(choose(spec)).containsExactly("gpu-a10", "gpu-h100");
        spec.maxReplicas = 2;
        // the H100 node fits two one-GPU workers; equal free cache, so by name, until two fit
        assertThat(choose(spec)).containsExactly("gpu-a10", "gpu-h100");
        spec.maxReplicas = 1;
        assertThat(choose(spec)).containsExactly("gpu-a10");
    }

    @Test
    void gpuCountAndTypeLimitTheNodes() {
        assertThat(choose(gpu(2, null, 4))).containsExactly("gpu-h100");
        assertThat(choose(gpu(1, "H100", 4))).containsExactly("gpu-h100");
        assertThat(choose(gpu(4, null, 1))).isEmpty();
    }

    @Test
    void cpuModelGoesOnlyToReadyUntaintedNodesWithoutGpus() {
        ModelResourceSpec spec = gpu(0, null, 5);
        assertThat(choose(spec)).containsExactly("cpu-1");
        spec.tolerations = List.of(new TolerationBuilder().withKey("dedicated").withOperator("Equal")
                .withValue("batch").withEffect("NoSchedule").build());
        assertThat(choose(spec)).containsExactly("cpu-1", "cpu-2");
    }

    @Test
    void nodeSelectorAndRequiredAffinityAreHonoured() {
        ModelResourceSpec spec = gpu(1, null, 3);
        spec.nodeSelector = Map.of("zone", "b");
        assertThat(choose(spec)).containsExactly("gpu-a10");
        spec.nodeSelector = Map.of();
        spec.affinity = new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("nvidia.com/gpu.product").withOperator("NotIn")
                .withValues("A10").endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
        assertThat(choose(spec)).containsExactly("gpu-h100");
    }

    @Test
    void nodesWithoutFreeCacheAreSkippedUnlessTheyHoldTheModel() {
        ModelResourceSpec spec = gpu(1, null, 3);
        Map<String, List<CacheEntry>> used = Map.of("gpu-h100", List.of(entry("big", 95 * GIB, 10, false)));
        Placement p = placement.choose(cluster, new Demand(spec, 10 * GIB, Set.of(), Set.of(), true), used);
        assertThat(p.nodes()).containsExactly("gpu-a10");
        assertThat(p.full()).containsExactly("gpu-h100 (5368709120 of 107374182400 bytes free, 10737418240 needed,"
                + " 0 held by models no worker uses)");
        assertThat(placement.choose(cluster, new Demand(spec, 10 * GIB, Set.of("gpu-h100"), Set.of(), true), used)
                .nodes()).containsExactly("gpu-h100", "gpu-a10");
    }

    @Test
    void nodeAnnotationOverridesTheCacheSize() {
        Node small = new NodeBuilder(cluster.getFirst()).editMetadata()
                .addToAnnotations(NodePlacement.CACHE_SIZE_ANNOTATION, Long.toString(GIB)).endMetadata().build();
        assertThat(placement.cacheBytes(small)).isEqualTo(GIB);
        assertThat(placement.choose(List.of(small), new Demand(gpu(1, null, 1), 2 * GIB, Set.of(), Set.of(), true),
                Map.of()).nodes()).isEmpty();
    }

    @Test
    void nodesAlreadyHoldingTheModelArePreferred() {
        assertThat(placement.choose(cluster, new Demand(gpu(1, null, 1), 0, Set.of("gpu-h100"), Set.of(), false),
                Map.of()).nodes()).containsExactly("gpu-h100");
    }

    @Test
    void fullNodeIsTakenByEvictingTheLeastRecentlyUsedUnservedModelsUntilItFits() {
        Node small = sized(cluster.get(2), 10 * GIB);
        Map<String, List<CacheEntry>> used = Map.of("cpu-1", List.of(entry("newest", 3 * GIB, 300, true),
                entry("serving", 3 * GIB, 1, false), entry("oldest", 2 * GIB, 100, true),
                entry("older", 1 * GIB, 200, true)));
        Placement p = placement.choose(List.of(small), new Demand(gpu(0, null, 1), 4 * GIB, Set.of(), Set.of(), true),
                used);
        // 1 GiB free: the oldest (2 GiB) and then the next oldest (1 GiB) make 4; the serving one is never evicted
        assertThat(p.nodes()).containsExactly("cpu-1");
        assertThat(p.evictions().get("cpu-1")).extracting(CacheEntry::model).containsExactly("oldest", "older");
    }

    @Test
    void nodesThatFitWithoutEvictionComeFirst() {
        Demand demand = new Demand(gpu(1, null, 1), 10 * GIB, Set.of(), Set.of(), true);
        Map<String, List<CacheEntry>> a10Full = Map.of("gpu-a10", List.of(entry("idle", 99 * GIB, 1, true)));
        Placement roomy = placement.choose(cluster, demand, a10Full);
        assertThat(roomy.nodes()).containsExactly("gpu-h100");
        assertThat(roomy.evictions()).isEmpty();
        Map<String, List<CacheEntry>> bothFull = Map.of("gpu-a10", a10Full.get("gpu-a10"),
                "gpu-h100", List.of(entry("idle-too", 95 * GIB, 1, true)));
        Placement evicting = placement.choose(cluster, demand, bothFull);
        assertThat(evicting.nodes()).containsExactly("gpu-h100");
        assertThat(evicting.evictions()).containsOnlyKeys("gpu-h100");
        assertThat(evicting.evictions().get("gpu-h100")).extracting(CacheEntry::model).containsExactly("idle-too");
    }

    @Test
    void noEvictionWhenTheModelWantsNoWorkersOrWhenOnlyServedModelsFill() {
        Node small = sized(cluster.get(2), 10 * GIB);
        Map<String, List<CacheEntry>> idle = Map.of("cpu-1", List.of(entry("idle", 9 * GIB, 1, true)));
        Placement notWanted = placement.choose(List.of(small),
                new Demand(gpu(0, null, 1), 4 * GIB, Set.of(), Set.of(), false), idle);
        assertThat(notWanted.nodes()).isEmpty();
        assertThat(notWanted.full()).singleElement().asString().contains("no eviction while the model wants no workers");
        Map<String, List<CacheEntry>> served = Map.of("cpu-1", List.of(entry("busy", 9 * GIB, 1, false)));
        assertThat(placement.choose(List.of(small), new Demand(gpu(0, null, 1), 4 * GIB, Set.of(), Set.of(), true),
                served).nodes()).isEmpty();
    }

    @Test
    void excludedNodesAreNotChosen() {
        assertThat(placement.choose(cluster, new Demand(gpu(1, null, 3), 0, Set.of(), Set.of("gpu-a10"), true),
                Map.of()).nodes()).containsExactly("gpu-h100");
    }

    private List<String> choose(ModelResourceSpec spec) {
        return placement.choose(cluster, new Demand(spec, 0, Set.of(), Set.of(), false), Map.of()).nodes();
    }

    private static CacheEntry entry(String model, long bytes, long lastUsedSecond, boolean evictable) {
        return new CacheEntry("ns", model, bytes, Instant.ofEpochSecond(lastUsedSecond), evictable);
    }

    private static Node sized(Node node, long bytes) {
        return new NodeBuilder(node).editMetadata()
                .addToAnnotations(NodePlacement.CACHE_SIZE_ANNOTATION, Long.toString(bytes)).endMetadata().build();
    }

    private static ModelResourceSpec gpu(int count, String type, int maxReplicas) {
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.gpu.count = count;
        spec.gpu.type = type;
        spec.maxReplicas = maxReplicas;
        return spec;
    }
}

package dev.paddock.manager.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
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
        Map<String, Long> used = Map.of("gpu-h100", 95 * GIB);
        assertThat(placement.choose(cluster, spec, 10 * GIB, used, Set.of())).containsExactly("gpu-a10");
        assertThat(placement.choose(cluster, spec, 10 * GIB, used, Set.of("gpu-h100")))
                .containsExactly("gpu-h100", "gpu-a10");
    }

    @Test
    void nodeAnnotationOverridesTheCacheSize() {
        Node small = new NodeBuilder(cluster.getFirst()).editMetadata()
                .addToAnnotations(NodePlacement.CACHE_SIZE_ANNOTATION, Long.toString(GIB)).endMetadata().build();
        assertThat(placement.cacheBytes(small)).isEqualTo(GIB);
        assertThat(placement.choose(List.of(small), gpu(1, null, 1), 2 * GIB, Map.of(), Set.of())).isEmpty();
    }

    @Test
    void nodesAlreadyHoldingTheModelArePreferred() {
        assertThat(placement.choose(cluster, gpu(1, null, 1), 0, Map.of(), Set.of("gpu-h100")))
                .containsExactly("gpu-h100");
    }

    private List<String> choose(ModelResourceSpec spec) {
        return placement.choose(cluster, spec, 0, Map.of(), Set.of());
    }

    private static ModelResourceSpec gpu(int count, String type, int maxReplicas) {
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.gpu.count = count;
        spec.gpu.type = type;
        spec.maxReplicas = maxReplicas;
        return spec;
    }
}

package dev.paddock.manager.placement;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Map;

/** Nodes as the kubelet would register them, for placement tests and the mock API server. */
public final class FakeNodes {

    private FakeNodes() {
    }

    /** A ready node with {@code gpus} allocatable GPUs (none: a CPU node) and the given labels. */
    public static Node node(String name, int gpus, Map<String, String> labels) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels(labels)
                .addToLabels("kubernetes.io/hostname", name).endMetadata().withNewSpec().endSpec().withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToAllocatable("cpu", new Quantity("8")).addToAllocatable("memory", new Quantity("32Gi")).endStatus();
        if (gpus > 0) {
            b.editStatus().addToAllocatable("nvidia.com/gpu", new Quantity(Integer.toString(gpus))).endStatus();
        }
        return b.build();
    }

    /** The same node with a NoSchedule taint. */
    public static Node tainted(Node node, String key, String value) {
        return new NodeBuilder(node).editSpec().withTaints(List.of(new TaintBuilder().withKey(key).withValue(value)
                .withEffect("NoSchedule").build())).endSpec().build();
    }

    /** The same node, not ready. */
    public static Node notReady(Node node) {
        return new NodeBuilder(node).editStatus().editFirstCondition().withStatus("False").endCondition().endStatus()
                .build();
    }

    /**
     * A CPU node only models placed with {@link #onDedicated} go to: labelled {@code pool=<pool>}, tainted
     * {@code dedicated=<pool>:NoSchedule}, so tests sharing a mock API server do not crowd each other's nodes.
     */
    public static Node dedicated(String name, String pool) {
        return tainted(node(name, 0, Map.of("pool", pool)), "dedicated", pool);
    }

    /** Places a model on the {@link #dedicated} nodes of a pool. */
    public static void onDedicated(ModelResourceSpec spec, String pool) {
        spec.nodeSelector = Map.of("pool", pool);
        spec.tolerations = List.of(new TolerationBuilder().withKey("dedicated").withOperator("Equal").withValue(pool)
                .withEffect("NoSchedule").build());
    }

    /** The cluster the tests use: two GPU nodes of different models, two CPU nodes (one tainted), one down. */
    public static List<Node> cluster() {
        return List.of(node("gpu-h100", 2, Map.of("nvidia.com/gpu.product", "H100", "zone", "a")),
                node("gpu-a10", 1, Map.of("nvidia.com/gpu.product", "A10", "zone", "b")),
                node("cpu-1", 0, Map.of("zone", "a")),
                tainted(node("cpu-2", 0, Map.of("zone", "b")), "dedicated", "batch"),
                notReady(node("cpu-down", 0, Map.of("zone", "a"))));
    }
}

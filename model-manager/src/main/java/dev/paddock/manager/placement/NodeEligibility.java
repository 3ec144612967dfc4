package dev.paddock.manager.placement;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a node may hold and serve a model: ready and schedulable, matching the spec's node selector
 * and required node affinity, every NoSchedule/NoExecute taint tolerated, and GPUs that fit (GPU nodes
 * with enough allocatable {@code nvidia.com/gpu} of the asked type, or nodes without GPUs for a CPU model).
 */
final class NodeEligibility {

    static final String GPU = "nvidia.com/gpu";

    private final String gpuProductLabel;

    NodeEligibility(String gpuProductLabel) {
        this.gpuProductLabel = gpuProductLabel;
    }

    boolean eligible(Node node, ModelResourceSpec spec) {
        Map<String, String> labels = labels(node);
        return ready(node) && labels.entrySet().containsAll(spec.nodeSelector.entrySet())
                && affinityMatches(spec, labels) && taintsTolerated(node, spec.tolerations) && gpusFit(node, spec);
    }

    /** Workers of this spec that fit on the node at once (1 for a CPU model). */
    int capacity(Node node, ModelResourceSpec spec) {
        return spec.gpu.count == 0 ? 1 : (int) (allocatableGpus(node) / spec.gpu.count);
    }

    static long allocatableGpus(Node node) {
        Map<String, Quantity> allocatable = node.getStatus() == null ? null : node.getStatus().getAllocatable();
        Quantity q = allocatable == null ? null : allocatable.get(GPU);
        return q == null ? 0 : q.getNumericalAmount().longValue();
    }

    private boolean gpusFit(Node node, ModelResourceSpec spec) {
        long gpus = allocatableGpus(node);
        if (spec.gpu.count == 0) {
            return gpus == 0;
        }
        return gpus >= spec.gpu.count && (spec.gpu.type == null || spec.gpu.type.equals(labels(node).get(gpuProductLabel)));
    }

    private static boolean ready(Node node) {
        boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus()
                .getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        return ready && !unschedulable;
    }

    private static boolean affinityMatches(ModelResourceSpec spec, Map<String, String> labels) {
        if (spec.affinity == null || spec.affinity.getNodeAffinity() == null
                || spec.affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return true;
        }
        List<NodeSelectorTerm> terms = spec.affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        return terms.isEmpty() || terms.stream().anyMatch(t -> t.getMatchExpressions().stream()
                .allMatch(r -> requirementMatches(r, labels)));
    }

    static boolean requirementMatches(NodeSelectorRequirement r, Map<String, String> labels) {
        String value = labels.get(r.getKey());
        List<String> values = r.getValues();
        return switch (r.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> value != null && Long.parseLong(value) > Long.parseLong(values.getFirst());
            case "Lt" -> value != null && Long.parseLong(value) < Long.parseLong(values.getFirst());
            default -> false;
        };
    }

    private static boolean taintsTolerated(Node node, List<Toleration> tolerations) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints();
        return taints.stream().filter(t -> !"PreferNoSchedule".equals(t.getEffect()))
                .allMatch(t -> tolerations.stream().anyMatch(tol -> tolerates(tol, t)));
    }

    static boolean tolerates(Toleration tol, Taint taint) {
        boolean exists = "Exists".equals(tol.getOperator());
        boolean keyMatches = tol.getKey() == null || tol.getKey().isEmpty() ? exists : tol.getKey().equals(taint.getKey());
        boolean valueMatches = exists || Objects.equals(Objects.toString(tol.getValue(), ""),
                Objects.toString(taint.getValue(), ""));
        boolean effectMatches = tol.getEffect() == null || tol.getEffect().isEmpty()
                || tol.getEffect().equals(taint.getEffect());
        return keyMatches && valueMatches && effectMatches;
    }

    static Map<String, String> labels(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}

package dev.paddock.api.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A model served in a cluster: {@code kubectl apply} of {@code kind: Model}. The operator
 * (model-manager) pulls its weights to chosen nodes, runs workers there and reports in the status.
 */
@Group(Model.GROUP)
@Version(Model.VERSION)
@ShortNames("pm")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Cached", jsonPath = ".status.conditions[?(@.type==\"Cached\")].status")
@AdditionalPrinterColumn(name = "Replicas", jsonPath = ".status.replicas",
        type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class Model extends CustomResource<ModelResourceSpec, ModelStatus> implements Namespaced {

    /** The API group. */
    public static final String GROUP = "paddock.dev";
    /** The API version. */
    public static final String VERSION = "v1alpha1";

    /** The spec; required in the CRD (a Model without one has nothing to serve). */
    @Override
    @Required
    @JsonPropertyDescription("What to serve and where: the model (the same fields as a paddock.yaml entry), its source,"
            + " and the cluster fields (replicas, GPUs, placement, cache size).")
    public ModelResourceSpec getSpec() {
        return super.getSpec();
    }

    /** The status, written by the operator only. */
    @Override
    @JsonPropertyDescription("Written by the operator: conditions Cached, Serving and Ready, each node's cache, replicas"
            + " and the endpoint.")
    public ModelStatus getStatus() {
        return super.getStatus();
    }

    /** The name clients use: {@code spec.name}, or the resource's name when the spec leaves it out. */
    public String servedName() {
        ModelResourceSpec spec = getSpec();
        return spec != null && spec.name != null ? spec.name : getMetadata().getName();
    }
}

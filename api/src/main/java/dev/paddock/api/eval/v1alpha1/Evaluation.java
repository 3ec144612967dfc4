package dev.paddock.api.eval.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An evaluation in a cluster ({@code kind: Evaluation}, {@code paddock.dev/v1alpha1}): the eval service
 * runs it on its schedule through the gateway at batch priority and writes the scores into its status.
 */
@Group("paddock.dev")
@Version("v1alpha1")
@ShortNames("eval")
public class Evaluation extends CustomResource<EvaluationSpec, EvaluationStatus> implements Namespaced {

    /** The spec. */
    @Override
    @JsonPropertyDescription("Which models answer which dataset, how the answers are scored, how often it runs and"
            + " when a drop counts as a regression (the same fields as an evaluations: entry of paddock.yaml).")
    public EvaluationSpec getSpec() {
        return super.getSpec();
    }

    /** The status, written by the eval service only. */
    @Override
    @JsonPropertyDescription("Written by the eval service: the last run, its scores, the next run and the conditions"
            + " Ready and Regressed.")
    public EvaluationStatus getStatus() {
        return super.getStatus();
    }

    /** The name runs, metrics and the leaderboard use: {@code spec.name} when set, else the resource's name. */
    public String evaluationName() {
        return getSpec() != null && getSpec().name != null ? getSpec().name : getMetadata().getName();
    }
}

package dev.paddock.api.eval.v1alpha1;

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

    /** The name runs, metrics and the leaderboard use: {@code spec.name} when set, else the resource's name. */
    public String evaluationName() {
        return getSpec() != null && getSpec().name != null ? getSpec().name : getMetadata().getName();
    }
}

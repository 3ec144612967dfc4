package dev.paddock.eval.scoring;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.eval.client.Answer;

/** Scores one answer to one item; quality scorers give 0-1 (higher is better), timing scorers their unit. */
@FunctionalInterface
public interface Scorer {

    /** The item's score. */
    double score(DatasetItem item, Answer answer);
}

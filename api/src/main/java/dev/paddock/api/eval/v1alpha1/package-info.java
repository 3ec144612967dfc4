/**
 * The evaluation contract ({@code paddock.dev/v1alpha1}): {@link dev.paddock.api.eval.v1alpha1.EvaluationSpec},
 * the schema of each entry under {@code evaluations:} in {@code paddock.yaml} and of the
 * {@link dev.paddock.api.eval.v1alpha1.Evaluation} custom resource, with its validation and status.
 */
package dev.paddock.api.eval.v1alpha1;

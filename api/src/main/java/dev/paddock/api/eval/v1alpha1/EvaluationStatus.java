package dev.paddock.api.eval.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.paddock.api.model.FieldDescriptions;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the eval service last saw and measured for an {@link Evaluation}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = FieldDescriptions.class, input = "dev.paddock.api.eval.v1alpha1.EvaluationStatus")
public class EvaluationStatus {

    /** Condition type: the spec is valid and the last run finished (False with the reason when it did not). */
    public static final String READY = "Ready";
    /** Condition type: a model scored below its baseline by more than the threshold in the last run. */
    public static final String REGRESSED = "Regressed";

    /** The spec generation the status describes. */
    @JsonPropertyDescription("The spec generation the status describes.")
    public Long observedGeneration;

    /** When the last run finished (RFC 3339). */
    @JsonPropertyDescription("When the last run finished (RFC 3339).")
    public String lastRunTime;

    /** The last run's id (as in the eval service's REST API). */
    @JsonPropertyDescription("The last run's id (as in the eval service's REST API).")
    public String lastRunId;

    /** When the next scheduled run is due (RFC 3339); absent without a schedule. */
    @JsonPropertyDescription("When the next scheduled run is due (RFC 3339); absent without a schedule.")
    public String nextRunTime;

    /** The scores of the last successful run, one per model and scorer. */
    @JsonPropertyDescription("The scores of the last successful run, one per model and scorer.")
    public List<ModelScore> scores = new ArrayList<>();

    /** Ready and Regressed, each with reason and message. */
    @JsonPropertyDescription("Ready and Regressed, each with reason and message.")
    public List<Condition> conditions = new ArrayList<>();

    /** One model's score on one scorer, with its bootstrap confidence interval. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ModelScore {
        /** The model as named in the spec. */
        @JsonPropertyDescription("The model as named in the spec.")
        public String model;
        /** The scorer's name. */
        @JsonPropertyDescription("The scorer's name.")
        public String scorer;
        /** Mean score over the scored items. */
        @JsonPropertyDescription("Mean score over the scored items.")
        public double score;
        /** Lower end of the 95% bootstrap confidence interval. */
        @JsonPropertyDescription("Lower end of the 95% bootstrap confidence interval.")
        public double ciLow;
        /** Upper end of the 95% bootstrap confidence interval. */
        @JsonPropertyDescription("Upper end of the 95% bootstrap confidence interval.")
        public double ciHigh;
        /** Items scored. */
        @JsonPropertyDescription("Items scored.")
        public int samples;

        @Override
        public boolean equals(Object o) {
            return o instanceof ModelScore s && Objects.equals(model, s.model) && Objects.equals(scorer, s.scorer)
                    && score == s.score && ciLow == s.ciLow && ciHigh == s.ciHigh && samples == s.samples;
        }

        @Override
        public int hashCode() {
            return Objects.hash(model, scorer, score, ciLow, ciHigh, samples);
        }
    }
}

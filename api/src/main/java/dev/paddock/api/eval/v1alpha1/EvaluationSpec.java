package dev.paddock.api.eval.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An evaluation: which models answer which dataset, how the answers are scored, how often it runs
 * and when a drop counts as a regression. The schema of each entry under {@code evaluations:} in
 * {@code paddock.yaml} and the spec of the {@link Evaluation} custom resource.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluationSpec {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?/,#LW-]+");

    /** The evaluation's name (lowercase letters, digits, '.', '_', '-'); in a cluster, defaults to the resource's name. */
    @JsonPropertyDescription("The evaluation's name (lowercase letters, digits, '.', '_', '-'); in a cluster, defaults to the resource's name.")
    public String name;

    /** Models to evaluate, by name or alias as clients call them. */
    @JsonPropertyDescription("Models to evaluate, by name or alias as clients call them.")
    public List<String> models = new ArrayList<>();

    /** The items to ask. */
    @JsonPropertyDescription("The items to ask.")
    public DatasetSpec dataset;

    /** How each answer is scored. */
    @JsonPropertyDescription("How each answer is scored.")
    public List<ScorerSpec> scorers = new ArrayList<>();

    /**
     * Cron schedule: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first;
     * absent = the evaluation runs only when asked (REST API, {@code ./paddock eval}, or once in a cluster).
     */
    @JsonPropertyDescription("Cron schedule: 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first; absent = the evaluation runs only when asked (REST API, ./paddock eval, or once in a cluster).")
    public String schedule;

    /** Items drawn per run (a seeded sample, the same each run); absent = every item. */
    @JsonPropertyDescription("Items drawn per run (a seeded sample, the same each run); absent = every item.")
    public Integer sampleSize;

    /** Requests in flight at once per model. */
    @JsonPropertyDescription("Requests in flight at once per model.")
    public int concurrency = 2;

    /** Seed of the item sample and of the bootstrap resampling. */
    @JsonPropertyDescription("Seed of the item sample and of the bootstrap resampling.")
    public long seed = 0;

    /**
     * What a model is compared with to decide {@code Regressed}: {@code previous} (the model's own last
     * run) or the name of one of {@link #models} (every other model against it); absent = no comparison.
     */
    @JsonPropertyDescription("What a model is compared with to decide Regressed: previous (the model's own last run) or the name of one of models (every other model against it); absent = no comparison.")
    public String baseline;

    /** How far a score may fall below its baseline (absolute, in the scorer's unit) before it is a regression. */
    @JsonPropertyDescription("How far a score may fall below its baseline (absolute, in the scorer's unit) before it is a regression.")
    public double threshold = 0.05;

    /** Generation settings of every request. */
    @JsonPropertyDescription("Generation settings of every request.")
    public GenerationSettings generation = new GenerationSettings();

    /**
     * Checks every field and the rules between them.
     *
     * @param path where this spec is, for messages (e.g. {@code evaluations[0]})
     * @param nameRequired whether {@link #name} must be set (in paddock.yaml; a resource has its own name)
     * @return one message per problem, each starting with the field's path; empty when valid
     */
    public List<String> validate(String path, boolean nameRequired) {
        List<String> problems = new ArrayList<>();
        if ((name != null || nameRequired) && (name == null || !NAME.matcher(name).matches())) {
            problems.add(path + ".name: must be 1-63 lowercase letters, digits, '.', '_' or '-', starting and ending"
                    + " with a letter or digit (got " + (name == null ? "nothing" : "'" + name + "'") + ")");
        }
        validateModels(problems, path + ".models");
        if (dataset == null) {
            problems.add(path + ".dataset: required: items, file, configMap or url");
        } else {
            problems.addAll(dataset.validate(path + ".dataset"));
        }
        validateScorers(problems, path + ".scorers");
        validateSchedule(problems, path + ".schedule");
        validateNumbers(problems, path);
        if (generation != null) {
            problems.addAll(generation.validate(path + ".generation"));
        }
        if (dataset != null && scorers != null) {
            problems.addAll(dataset.validateAgainst(scorers, path));
        }
        return problems;
    }

    /** Whether the scorers include multiple choice (items are then question/choices/answer). */
    @JsonIgnore
    public boolean isMultipleChoice() {
        return scorers != null && scorers.stream().anyMatch(s -> s != null && s.type == ScorerSpec.Type.multiple_choice);
    }

    private void validateModels(List<String> problems, String path) {
        if (models == null || models.isEmpty()) {
            problems.add(path + ": at least one model is required");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String m = models.get(i);
            if (m == null || m.isBlank()) {
                problems.add(path + "[" + i + "]: must not be empty");
            } else if (!seen.add(m)) {
                problems.add(path + "[" + i + "]: '" + m + "' is listed twice");
            }
        }
        if (baseline != null && !baseline.equals("previous") && !models.contains(baseline)) {
            problems.add(path.replace(".models", ".baseline") + ": must be 'previous' or one of models " + models
                    + " (got '" + baseline + "')");
        }
    }

    private void validateScorers(List<String> problems, String path) {
        if (scorers == null || scorers.isEmpty()) {
            problems.add(path + ": at least one scorer is required");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < scorers.size(); i++) {
            ScorerSpec s = scorers.get(i);
            if (s == null) {
                problems.add(path + "[" + i + "]: must be a mapping with at least type");
                continue;
            }
            problems.addAll(s.validate(path + "[" + i + "]"));
            if (s.type != null && !names.add(s.displayName())) {
                problems.add(path + "[" + i + "].name: '" + s.displayName() + "' is used by another scorer; set name");
            }
        }
    }

    private void validateSchedule(List<String> problems, String path) {
        if (schedule == null) {
            return;
        }
        String[] fields = schedule.trim().split("\\s+");
        boolean shaped = fields.length == 5 || fields.length == 6;
        for (String f : fields) {
            shaped &= CRON_FIELD.matcher(f).matches();
        }
        if (!shaped) {
            problems.add(path + ": must be a cron expression of 5 fields (minute hour day month weekday) or 6"
                    + " (seconds first), e.g. '0 3 * * *' (got '" + schedule + "')");
        }
    }

    private void validateNumbers(List<String> problems, String path) {
        if (sampleSize != null && sampleSize < 1) {
            problems.add(path + ".sampleSize: must be at least 1 (got " + sampleSize + ")");
        }
        if (concurrency < 1 || concurrency > 256) {
            problems.add(path + ".concurrency: must be 1-256 (got " + concurrency + ")");
        }
        if (threshold < 0 || Double.isNaN(threshold)) {
            problems.add(path + ".threshold: must be 0 or more (got " + threshold + ")");
        }
    }
}

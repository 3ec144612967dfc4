package dev.paddock.api.eval.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Generation settings of an evaluation's requests; greedy decoding by default so runs repeat. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GenerationSettings {

    /** Most tokens generated per answer. */
    @JsonPropertyDescription("Most tokens generated per answer.")
    public int maxTokens = 64;

    /** Sampling temperature, 0-2; 0 = greedy. */
    @JsonPropertyDescription("Sampling temperature, 0-2; 0 = greedy.")
    public double temperature = 0.0;

    /** Sequences that end an answer. */
    @JsonPropertyDescription("Sequences that end an answer.")
    public List<String> stop = new ArrayList<>();

    /** Checks the fields; messages start with {@code path}. */
    public List<String> validate(String path) {
        List<String> problems = new ArrayList<>();
        if (maxTokens < 1 || maxTokens > 32_768) {
            problems.add(path + ".maxTokens: must be 1-32768 (got " + maxTokens + ")");
        }
        if (temperature < 0 || temperature > 2 || Double.isNaN(temperature)) {
            problems.add(path + ".temperature: must be 0-2 (got " + temperature + ")");
        }
        if (stop != null && stop.size() > 4) {
            problems.add(path + ".stop: at most 4 sequences");
        }
        return problems;
    }
}

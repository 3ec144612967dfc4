package dev.paddock.api.eval.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an evaluation's items come from: exactly one of inline {@link #items}, a JSONL {@link #file},
 * a {@link #configMap} key holding JSONL (cluster) or an https {@link #url} of JSONL.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatasetSpec {

    /** Items written in place. */
    @JsonPropertyDescription("Items written in place.")
    public List<DatasetItem> items;

    /** A JSONL file, one item per line (relative paths are relative to the config file). */
    @JsonPropertyDescription("A JSONL file, one item per line (relative paths are relative to the config file).")
    public String file;

    /** A ConfigMap key holding JSONL, in the evaluation's namespace. */
    @JsonPropertyDescription("A ConfigMap key holding JSONL, in the evaluation's namespace.")
    public ConfigMapKey configMap;

    /** An https URL of a JSONL file, fetched at each run. */
    @JsonPropertyDescription("An https URL of a JSONL file, fetched at each run.")
    public String url;

    /** A key of a ConfigMap. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ConfigMapKey {
        /** The ConfigMap's name. */
        @JsonPropertyDescription("The ConfigMap's name.")
        public String name;
        /** The key whose value is the JSONL. */
        @JsonPropertyDescription("The key whose value is the JSONL.")
        public String key;
    }

    /** Checks that exactly one source is given and that it is well formed. */
    public List<String> validate(String path) {
        List<String> problems = new ArrayList<>();
        int sources = (items != null ? 1 : 0) + (file != null ? 1 : 0) + (configMap != null ? 1 : 0) + (url != null ? 1 : 0);
        if (sources != 1) {
            problems.add(path + ": give exactly one of items, file, configMap or url (got " + sources + ")");
        }
        if (items != null && items.isEmpty()) {
            problems.add(path + ".items: at least one item is required");
        }
        if (file != null && file.isBlank()) {
            problems.add(path + ".file: must not be empty");
        }
        if (url != null && !url.startsWith("https://")) {
            problems.add(path + ".url: must be an https URL (got '" + url + "')");
        }
        if (configMap != null && (blank(configMap.name) || blank(configMap.key))) {
            problems.add(path + ".configMap: name and key are required");
        }
        return problems;
    }

    /** Checks inline items against what the scorers need. */
    List<String> validateAgainst(List<ScorerSpec> scorers, String path) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String at = path + ".dataset.items[" + i + "]";
            if (items.get(i) == null) {
                problems.add(at + ": must be a mapping");
            } else {
                problems.addAll(items.get(i).validate(at, scorers));
            }
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

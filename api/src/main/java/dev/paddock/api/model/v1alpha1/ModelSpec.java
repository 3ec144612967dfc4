package dev.paddock.api.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.paddock.api.inference.v1.SamplingParams;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * A model to serve: the schema of each entry under {@code models:} in {@code paddock.yaml}, and the
 * spec of the {@code Model} custom resource ({@code paddock.dev/v1alpha1}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec {

    static final String NAME = "[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?";

    /** What a model is used for. */
    public enum Task {
        /** Text generation: chat and completions. */
        generate,
        /** Vector embeddings. */
        embed
    }

    /** Name clients use in the {@code model} field: lowercase letters, digits, '.', '_' and '-' (1-63 characters). */
    @Pattern("^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$")
    @JsonPropertyDescription("Name clients use in the model field: lowercase letters, digits, '.', '_' and '-' (1-63 characters).")
    public String name;

    /** Other names that resolve to this model. */
    @JsonPropertyDescription("Other names that resolve to this model.")
    public List<String> aliases = new ArrayList<>();

    /** generate (chat and completions, the default) or embed (embeddings). */
    @JsonPropertyDescription("generate (chat and completions, the default) or embed (embeddings).")
    public Task task = Task.generate;

    /**
     * Where the GGUF weights are: a file path (relative paths are relative to the config file) or an
     * https URL, downloaded once into the model cache.
     */
    @JsonPropertyDescription("Where the GGUF weights are: a file path (relative to the config file) or an https URL,"
            + " downloaded once into the model cache. In a Model resource: an https URL, or leave it out and set"
            + " huggingFace or pvc.")
    public String source;

    /** Expected sha256 of the weights (hex); required to trust a download, checked when given. */
    @JsonPropertyDescription("Expected sha256 of the weights (hex); required to trust a download, checked when given.")
    @Pattern("^[0-9a-fA-F]{64}$")
    public String sha256;

    /** Tokens of context per request (prompt plus output); 0 = the model's training context, at most 4096. */
    @JsonPropertyDescription("Tokens of context per request (prompt plus output); 0 = the model's training context, at most 4096.")
    @Min(0)
    @Max(1048576)
    public int contextSize = 0;

    /** Requests decoded together (slots of the continuous batch). */
    @JsonPropertyDescription("Requests decoded together (slots of the continuous batch).")
    @Min(1)
    @Max(256)
    public int parallel = 4;

    /** CPU threads; 0 = automatic (1 for tiny models, else all cores). */
    @JsonPropertyDescription("CPU threads; 0 = automatic (1 for tiny models, else all cores).")
    @Min(0)
    @Max(1024)
    public int threads = 0;

    /** Most tokens per decode step, prompt chunks included. */
    @JsonPropertyDescription("Most tokens per decode step, prompt chunks included.")
    @Min(1)
    @Max(65536)
    public int batchSize = 512;

    /** Layers offloaded to the GPU: -1 all (the default), 0 none. Ignored without a GPU. */
    @JsonPropertyDescription("Layers offloaded to the GPU: -1 all (the default), 0 none. Ignored without a GPU.")
    @Min(-1)
    @Max(100000)
    public int gpuLayers = -1;

    /**
     * Requests of each priority class that may wait for a slot before new ones of that class get 429: interactive
     * and batch requests each have a line of this length, so waiting batch work never gets interactive work refused.
     */
    @JsonPropertyDescription("Requests of each priority class (interactive, batch) that may wait for a slot before new"
            + " ones of that class get 429; waiting batch work never gets interactive requests refused.")
    @Min(0)
    @Max(1000000)
    public int maxQueued = 64;

    /** A Jinja chat template or a llama.cpp built-in name (chatml, llama3, ...) overriding the model's own. */
    @JsonPropertyDescription("A Jinja chat template or a llama.cpp built-in name (chatml, llama3, ...) overriding the model's own.")
    public String chatTemplate;

    /** Sampling defaults for requests that do not set them. */
    @JsonPropertyDescription("Sampling defaults for requests that do not set them.")
    public SamplingDefaults defaults = new SamplingDefaults();

    /** Per-request limits. */
    @JsonPropertyDescription("Per-request limits.")
    public Limits limits = new Limits();

    /** Sampling defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SamplingDefaults {
        /** Default temperature, 0-2. */
        @JsonPropertyDescription("Default temperature, 0-2.")
        public Double temperature;
        /** Default nucleus mass, (0, 1]. */
        @JsonPropertyDescription("Default nucleus mass, (0, 1].")
        public Double topP;
        /** Default top-k, 0 = off. */
        @JsonPropertyDescription("Default top-k, 0 = off.")
        public Integer topK;
        /** Default min-p, 0-1. */
        @JsonPropertyDescription("Default min-p, 0-1.")
        public Double minP;
        /** Default repetition penalty, &gt; 0 (1 = off). */
        @JsonPropertyDescription("Default repetition penalty, > 0 (1 = off).")
        public Double repetitionPenalty;
        /** Default max tokens when a request sets none; absent = until the context is full. */
        @JsonPropertyDescription("Default max tokens when a request sets none; absent = until the context is full.")
        public Integer maxTokens;
    }

    /** Limits a request may not exceed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Limits {
        /** Most tokens one request may generate. */
        @JsonPropertyDescription("Most tokens one request may generate.")
        public Integer maxTokens;
        /** Most prompt tokens one request may send. */
        @JsonPropertyDescription("Most prompt tokens one request may send.")
        public Integer maxPromptTokens;
    }

    /**
     * Checks every field.
     *
     * @param path where this spec is, for messages (e.g. {@code models[0]})
     * @return one message per problem, each starting with the field's path; empty when valid
     */
    public List<String> validate(String path) {
        List<String> problems = new ArrayList<>();
        if (name == null || !name.matches(NAME)) {
            problems.add(nameProblem(path, name));
        }
        for (int i = 0; aliases != null && i < aliases.size(); i++) {
            if (aliases.get(i) == null || aliases.get(i).isBlank()) {
                problems.add(path + ".aliases[" + i + "]: must not be empty");
            }
        }
        if (task == null) {
            problems.add(path + ".task: must be generate or embed");
        }
        if (source == null || source.isBlank()) {
            problems.add(path + ".source: required: a GGUF file path or an https URL");
        } else if (source.contains("://") && !sourceIsUrl()) {
            problems.add(path + ".source: URLs must be https (got " + quoted(source) + ")");
        }
        validateSha256(problems, path);
        range(problems, path + ".contextSize", contextSize, 0, 1 << 20);
        range(problems, path + ".parallel", parallel, 1, 256);
        range(problems, path + ".threads", threads, 0, 1024);
        range(problems, path + ".batchSize", batchSize, 1, 1 << 16);
        range(problems, path + ".gpuLayers", gpuLayers, -1, 100_000);
        range(problems, path + ".maxQueued", maxQueued, 0, 1_000_000);
        validateDefaults(problems, path + ".defaults");
        validateLimits(problems, path + ".limits");
        return problems;
    }

    /**
     * The sampling a request gets for the parameters it leaves out: this model's {@link #defaults},
     * then OpenAI's ({@link SamplingParams#OPENAI}).
     */
    public SamplingParams sampling() {
        SamplingParams base = SamplingParams.OPENAI;
        SamplingDefaults d = defaults != null ? defaults : new SamplingDefaults();
        return new SamplingParams(or(d.temperature, base.temperature()), or(d.topP, base.topP()),
                d.topK != null ? d.topK : base.topK(), or(d.minP, base.minP()),
                or(d.repetitionPenalty, base.repetitionPenalty()), base.frequencyPenalty(), base.presencePenalty(),
                base.penaltyLastN(), null, null);
    }

    private static double or(Double value, double fallback) {
        return value != null ? value : fallback;
    }

    /** The message for a name that breaks the naming rule. */
    static String nameProblem(String path, String name) {
        return path + ".name: must be 1-63 lowercase letters, digits, '.', '_' or '-', starting and ending"
                + " with a letter or digit (got " + quoted(name) + ")";
    }

    /** Adds a problem when {@link #sha256} is set and is not 64 hex digits. */
    void validateSha256(List<String> problems, String path) {
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            problems.add(path + ".sha256: must be 64 hex digits");
        }
    }

    /** Whether {@link #source} is a URL to download rather than a file path. */
    public boolean sourceIsUrl() {
        return source != null && (source.startsWith("https://") || source.startsWith("http://"));
    }

    /** All names this model answers to. */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        all.add(name);
        if (aliases != null) {
            all.addAll(aliases);
        }
        return all;
    }

    private void validateDefaults(List<String> problems, String path) {
        if (defaults == null) {
            return;
        }
        if (defaults.temperature != null && !(defaults.temperature >= 0 && defaults.temperature <= 2)) {
            problems.add(path + ".temperature: must be between 0 and 2");
        }
        if (defaults.topP != null && !(defaults.topP > 0 && defaults.topP <= 1)) {
            problems.add(path + ".topP: must be in (0, 1]");
        }
        if (defaults.topK != null && defaults.topK < 0) {
            problems.add(path + ".topK: must be 0 or more");
        }
        if (defaults.minP != null && !(defaults.minP >= 0 && defaults.minP <= 1)) {
            problems.add(path + ".minP: must be in [0, 1]");
        }
        if (defaults.repetitionPenalty != null && !(defaults.repetitionPenalty > 0)) {
            problems.add(path + ".repetitionPenalty: must be > 0");
        }
        if (defaults.maxTokens != null && defaults.maxTokens < 1) {
            problems.add(path + ".maxTokens: must be at least 1");
        }
    }

    private void validateLimits(List<String> problems, String path) {
        if (limits == null) {
            return;
        }
        if (limits.maxTokens != null && limits.maxTokens < 1) {
            problems.add(path + ".maxTokens: must be at least 1");
        }
        if (limits.maxPromptTokens != null && limits.maxPromptTokens < 1) {
            problems.add(path + ".maxPromptTokens: must be at least 1");
        }
    }

    private static void range(List<String> problems, String field, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(field + ": must be between " + min + " and " + max + " (got " + value + ")");
        }
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}

package dev.paddock.api.eval.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** One way of scoring answers, with its options (only those of its type apply). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScorerSpec {

    /** The kinds of scorer. */
    public enum Type {
        /** 1 when the answer equals the expected text after normalisation, else 0. */
        exact_match(true),
        /** 1 when the answer contains the expected text. */
        contains(true),
        /** 1 when {@code pattern} (or, without it, the expected text as a regex) is found in the answer. */
        regex(true),
        /** 1 when the answer parses as JSON. */
        json_valid(false),
        /** 1 when the answer is JSON valid against {@code schema}. */
        json_schema(false),
        /** ROUGE-L F1 between answer and expected text (word-level longest common subsequence). */
        rouge_l(true),
        /** Cosine similarity of the answer's and the expected text's embeddings from the embeddings {@code model}. */
        embedding_similarity(true),
        /** The judge {@code model}'s grade of the answer against {@code rubric}, scaled to 0-1. */
        llm_judge(false),
        /** 1 when the choice with the highest log-likelihood (prompt logprobs via echo) is the answer. */
        multiple_choice(false),
        /** Seconds from request to last token (lower is better). */
        latency(false),
        /** Seconds to the first token (lower is better). */
        ttft(false),
        /** Generated tokens per second after the first token. */
        tokens_per_second(false);

        private final boolean needsExpected;

        Type(boolean needsExpected) {
            this.needsExpected = needsExpected;
        }

        /** Whether every item needs {@code expected} for this scorer. */
        public boolean needsExpected() {
            return needsExpected;
        }

        /** Whether a lower score is better (the timing scorers). */
        public boolean lowerIsBetter() {
            return this == latency || this == ttft;
        }
    }

    /** The scorer's kind. */
    @JsonPropertyDescription("The scorer's kind.")
    public Type type;

    /** Name shown in results and metrics; defaults to the type. */
    @JsonPropertyDescription("Name shown in results and metrics; defaults to the type.")
    public String name;

    /** exact_match and contains: compare case-sensitively (default false: case is ignored). */
    @JsonPropertyDescription("exact_match and contains: compare case-sensitively (default false: case is ignored).")
    public boolean caseSensitive = false;

    /** exact_match: collapse runs of whitespace and trim (default true). */
    @JsonPropertyDescription("exact_match: collapse runs of whitespace and trim (default true).")
    public boolean ignoreWhitespace = true;

    /** exact_match: drop punctuation before comparing (default false). */
    @JsonPropertyDescription("exact_match: drop punctuation before comparing (default false).")
    public boolean ignorePunctuation = false;

    /** exact_match: drop the English articles a, an, the (default false). */
    @JsonPropertyDescription("exact_match: drop the English articles a, an, the (default false).")
    public boolean ignoreArticles = false;

    /** regex: the pattern looked for in the answer (Java syntax). */
    @JsonPropertyDescription("regex: the pattern looked for in the answer (Java syntax).")
    public String pattern;

    /** json_schema: the JSON Schema (draft 2020-12 unless it says otherwise) the answer must satisfy. */
    @JsonPropertyDescription("json_schema: the JSON Schema (draft 2020-12 unless it says otherwise) the"
            + " answer must satisfy.")
    public JsonNode schema;

    /** embedding_similarity: the embeddings model; llm_judge: the judge model. */
    @JsonPropertyDescription("embedding_similarity: the embeddings model; llm_judge: the judge model.")
    public String model;

    /** llm_judge: what a good answer is; the judge is asked for a grade from 0 to {@link #scale}. */
    @JsonPropertyDescription("llm_judge: what a good answer is; the judge is asked for a grade from 0 to scale.")
    public String rubric;

    /** llm_judge: the top of the judge's grading scale. */
    @JsonPropertyDescription("llm_judge: the top of the judge's grading scale.")
    public int scale = 10;

    /** The name results use. */
    public String displayName() {
        return name != null ? name : type == null ? "?" : type.name();
    }

    /** Checks the fields this type needs; messages start with {@code path}. */
    public List<String> validate(String path) {
        List<String> problems = new ArrayList<>();
        if (type == null) {
            problems.add(path + ".type: required: one of " + List.of(Type.values()));
            return problems;
        }
        switch (type) {
            case regex -> checkPattern(problems, path);
            case json_schema -> require(problems, path + ".schema", schema != null && schema.isObject() && !schema.isEmpty(), "a JSON Schema (a mapping)");
            case embedding_similarity -> require(problems, path + ".model", present(model), "the embeddings model");
            case llm_judge -> {
                require(problems, path + ".model", present(model), "the judge model");
                require(problems, path + ".rubric", present(rubric), "what a good answer is");
                if (scale < 1) {
                    problems.add(path + ".scale: must be at least 1 (got " + scale + ")");
                }
            }
            default -> { }
        }
        return problems;
    }

    private void checkPattern(List<String> problems, String path) {
        if (pattern == null) {
            return;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            problems.add(path + ".pattern: not a valid regular expression: " + e.getDescription());
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(List<String> problems, String path, boolean ok, String what) {
        if (!ok) {
            problems.add(path + ": required: " + what);
        }
    }
}

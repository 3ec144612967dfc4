package dev.paddock.eval.scoring;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import dev.paddock.eval.client.OpenAiEndpoint;
import java.util.List;
import java.util.regex.Pattern;

/** Builds the {@link Scorer} a {@link ScorerSpec} describes. */
public final class Scorers {

    private Scorers() {
    }

    /** The scorer for a spec; those that call models (embeddings, judge) use {@code endpoint}. */
    public static Scorer of(ScorerSpec spec, OpenAiEndpoint endpoint) {
        return switch (spec.type) {
            case exact_match -> exactMatch(TextNormalizer.of(spec));
            case contains -> contains(TextNormalizer.of(spec));
            case regex -> regex(spec.pattern);
            case json_valid -> JsonScorers.valid();
            case json_schema -> JsonScorers.matching(spec.schema);
            case rouge_l -> new RougeL();
            case embedding_similarity -> new EmbeddingSimilarity(endpoint, spec.model);
            case llm_judge -> new LlmJudge(endpoint, spec.model, spec.rubric, spec.scale);
            case multiple_choice -> (item, answer) -> answer.text().equals(item.choices.get(item.answerIndex())) ? 1 : 0;
            case latency -> (item, answer) -> answer.latencySeconds();
            case ttft -> (item, answer) -> answer.ttftSeconds();
            case tokens_per_second -> (item, answer) -> answer.tokensPerSecond();
        };
    }

    /** 1 when both texts are equal after normalisation. */
    public static Scorer exactMatch(TextNormalizer n) {
        return (item, answer) -> n.apply(answer.text()).equals(n.apply(item.expected)) ? 1 : 0;
    }

    /** 1 when the normalised answer contains the normalised expected text. */
    public static Scorer contains(TextNormalizer n) {
        return (item, answer) -> n.apply(answer.text()).contains(n.apply(item.expected)) ? 1 : 0;
    }

    /** 1 when the pattern (or, when null, each item's expected text as a pattern) is found in the answer. */
    public static Scorer regex(String pattern) {
        Pattern fixed = pattern != null ? Pattern.compile(pattern) : null;
        return (item, answer) -> {
            Pattern p = fixed != null ? fixed : Pattern.compile(item.expected);
            return p.matcher(answer.text()).find() ? 1 : 0;
        };
    }

    /** The judge's prompt for one answer. */
    static List<DatasetItem.Message> judgePrompt(DatasetItem item, String answer, String rubric, int scale) {
        String asked = item.prompt != null ? item.prompt
                : item.messages.stream().map(m -> m.role + ": " + m.content).reduce((a, b) -> a + "\n" + b).orElse("");
        String reference = item.expected != null ? "\nReference answer: " + item.expected : "";
        return List.of(new DatasetItem.Message("system", "You grade answers strictly against a rubric."),
                new DatasetItem.Message("user", "Rubric: " + rubric + "\nQuestion: " + asked + reference
                        + "\nAnswer to grade: " + answer + "\nReply with one line 'Score: N' where N is a whole number from 0 to "
                        + scale + "."));
    }
}

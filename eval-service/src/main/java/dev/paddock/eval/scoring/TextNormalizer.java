package dev.paddock.eval.scoring;

import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normalisation exact match and contains apply to both texts, chosen per scorer: case,
 * whitespace, punctuation and English articles, in the order the SQuAD evaluation script uses
 * (lowercase, punctuation, articles, whitespace).
 */
public record TextNormalizer(boolean caseSensitive, boolean ignoreWhitespace, boolean ignorePunctuation,
        boolean ignoreArticles) {

    private static final Pattern PUNCTUATION = Pattern.compile("\\p{Punct}|\\p{IsPunctuation}");
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** The normalisation a scorer's options ask for. */
    public static TextNormalizer of(ScorerSpec spec) {
        return new TextNormalizer(spec.caseSensitive, spec.ignoreWhitespace, spec.ignorePunctuation, spec.ignoreArticles);
    }

    /** The normalised text. */
    public String apply(String text) {
        String s = text == null ? "" : text;
        if (!caseSensitive) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (ignorePunctuation) {
            s = PUNCTUATION.matcher(s).replaceAll("");
        }
        if (ignoreArticles) {
            s = ARTICLES.matcher(s).replaceAll(" ");
        }
        if (ignoreWhitespace || ignoreArticles) {
            s = SPACES.matcher(s).replaceAll(" ").strip();
        }
        return s;
    }
}

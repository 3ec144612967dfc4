package dev.paddock.eval.scoring;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.eval.client.Answer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L (Lin, 2004): the F-measure (β = 1) of the longest common subsequence of the answer's and
 * the expected text's words, after lowercasing and splitting on anything that is not a letter or digit.
 */
public final class RougeL implements Scorer {

    @Override
    public double score(DatasetItem item, Answer answer) {
        return f1(answer.text(), item.expected);
    }

    /** ROUGE-L F1 of a candidate against a reference. */
    public static double f1(String candidate, String reference) {
        List<String> c = words(candidate);
        List<String> r = words(reference);
        if (c.isEmpty() || r.isEmpty()) {
            return 0;
        }
        int lcs = lcs(c, r);
        if (lcs == 0) {
            return 0;
        }
        double precision = (double) lcs / c.size();
        double recall = (double) lcs / r.size();
        return 2 * precision * recall / (precision + recall);
    }

    static List<String> words(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
    }

    static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}

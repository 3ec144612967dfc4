package dev.paddock.eval.scoring;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.eval.client.Answer;
import dev.paddock.eval.client.OpenAiEndpoint;

/** Cosine similarity of the answer's and the expected text's embeddings from an embeddings model. */
public final class EmbeddingSimilarity implements Scorer {

    private final OpenAiEndpoint endpoint;
    private final String model;

    public EmbeddingSimilarity(OpenAiEndpoint endpoint, String model) {
        this.endpoint = endpoint;
        this.model = model;
    }

    @Override
    public double score(DatasetItem item, Answer answer) {
        return cosine(endpoint.embed(model, answer.text()), endpoint.embed(model, item.expected));
    }

    /** The cosine of the angle between two vectors; 0 when either is zero or their sizes differ. */
    public static double cosine(double[] a, double[] b) {
        if (a.length != b.length || a.length == 0) {
            return 0;
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}

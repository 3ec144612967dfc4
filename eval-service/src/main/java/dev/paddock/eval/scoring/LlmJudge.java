package dev.paddock.eval.scoring;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.eval.client.Answer;
import dev.paddock.eval.client.OpenAiEndpoint;

/** Asks a judge model to grade the answer against a rubric; the grade is read with {@link JudgeVerdict}. */
public final class LlmJudge implements Scorer {

    private static final int VERDICT_TOKENS = 32;

    private final OpenAiEndpoint endpoint;
    private final String model;
    private final String rubric;
    private final int scale;

    public LlmJudge(OpenAiEndpoint endpoint, String model, String rubric, int scale) {
        this.endpoint = endpoint;
        this.model = model;
        this.rubric = rubric;
        this.scale = scale;
    }

    @Override
    public double score(DatasetItem item, Answer answer) {
        String verdict = endpoint.chatText(model, Scorers.judgePrompt(item, answer.text(), rubric, scale), VERDICT_TOKENS);
        return JudgeVerdict.parse(verdict, scale);
    }
}

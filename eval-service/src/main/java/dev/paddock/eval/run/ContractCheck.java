package dev.paddock.eval.run;

import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.api.eval.v1alpha1.GenerationSettings;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import dev.paddock.eval.client.Answer;
import dev.paddock.eval.client.EndpointException;
import dev.paddock.eval.client.OpenAiEndpoint;
import dev.paddock.eval.client.PromptLogprobs;
import java.util.List;

/**
 * Probes, before anything is scored, that the endpoint really provides what the scorers need: prompt
 * logprobs for echoed prompts (multiple choice), usage counts in streams (tokens per second),
 * embeddings (embedding similarity) and an answer from the judge. A missing capability fails the run
 * with the reason, rather than producing chance-level or zero scores that look like results.
 */
public final class ContractCheck {

    private static final String PROBE = "The quick brown fox jumps over the lazy dog";

    private final OpenAiEndpoint endpoint;

    public ContractCheck(OpenAiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Checks one model against what the spec's scorers need; throws {@link ContractViolation} with the reason. */
    public void check(EvaluationSpec spec, String model, DatasetItem firstItem) {
        try {
            if (spec.isMultipleChoice()) {
                checkPromptLogprobs(model);
            } else {
                checkGeneration(spec, model, firstItem);
            }
            for (ScorerSpec s : spec.scorers) {
                checkScorer(s);
            }
        } catch (EndpointException e) {
            throw new ContractViolation("model " + model + ": the contract check's request failed: " + e.getMessage());
        }
    }

    private void checkPromptLogprobs(String model) {
        PromptLogprobs lp = endpoint.promptLogprobs(model, PROBE);
        long promptTokens = lp.offsets().stream().filter(o -> o >= 0 && o < PROBE.length()).count();
        long withLogprob = lp.logprobs().stream().filter(v -> v != null && v <= 0).count();
        if (promptTokens < 2 || withLogprob < promptTokens - 1) {
            throw new ContractViolation("model " + model + ": " + endpoint.v1() + "completions with echo=true, logprobs=0"
                    + " returned no log-probabilities for the prompt's tokens (got " + lp.tokens().size() + " tokens, "
                    + withLogprob + " logprobs); the multiple_choice scorer needs them and would score at chance");
        }
    }

    private void checkGeneration(EvaluationSpec spec, String model, DatasetItem item) {
        GenerationSettings probe = new GenerationSettings();
        probe.maxTokens = 2;
        Answer a = endpoint.answer(model, item, probe);
        boolean needsUsage = spec.scorers.stream().anyMatch(s -> s.type == ScorerSpec.Type.tokens_per_second);
        if (needsUsage && a.completionTokens() < 0) {
            throw new ContractViolation("model " + model + ": the stream carried no usage (stream_options.include_usage);"
                    + " the tokens_per_second scorer needs the generated token count");
        }
    }

    private void checkScorer(ScorerSpec s) {
        if (s.type == ScorerSpec.Type.embedding_similarity && endpoint.embed(s.model, PROBE).length == 0) {
            throw new ContractViolation("embeddings model " + s.model + ": " + endpoint.v1()
                    + "embeddings returned no vector; embedding_similarity cannot score");
        }
        if (s.type == ScorerSpec.Type.llm_judge && endpoint.chatText(s.model, List.of(
                new DatasetItem.Message("user", "Reply with: Score: 1")), 8).isBlank()) {
            throw new ContractViolation("judge model " + s.model + ": chat completions returned no text; llm_judge cannot grade");
        }
    }
}

package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.openai.v1.Usage;

/**
 * Sums the usage of a request's generations as OpenAI counts it: completion tokens over all choices,
 * prompt tokens once per distinct prompt (choices of one prompt are consecutive, {@code n} of them).
 */
public final class UsageTotals {

    private final int choicesPerPrompt;
    private int prompt;
    private int cached;
    private int completion;

    public UsageTotals(int choicesPerPrompt) {
        this.choicesPerPrompt = choicesPerPrompt;
    }

    /** Adds the usage a choice's last chunk carries. */
    public void add(int choice, Chunk last) {
        if (last.usage() == null) {
            return;
        }
        completion += last.usage().completionTokens();
        if (choice % choicesPerPrompt == 0) {
            prompt += last.usage().promptTokens();
            cached += last.usage().cachedPromptTokens();
        }
    }

    public Usage toWire() {
        return Usage.of(prompt, completion, cached);
    }
}

package dev.paddock.gateway.openai;

import java.util.ArrayList;
import java.util.List;

/** All choices of a non-streamed response and their summed usage, filled from the merged chunks. */
public final class ChoiceResults {

    private final List<ChoiceResult> choices;
    private final UsageTotals usage;

    public ChoiceResults(int count, int choicesPerPrompt) {
        this.choices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            choices.add(new ChoiceResult());
        }
        this.usage = new UsageTotals(choicesPerPrompt);
    }

    /** Adds a chunk to its choice; throws for an engine error. */
    public void add(IndexedChunk c) {
        choices.get(c.index()).add(c.chunk());
        if (c.chunk().isLast()) {
            usage.add(c.index(), c.chunk());
        }
    }

    public List<ChoiceResult> choices() {
        return choices;
    }

    public UsageTotals usage() {
        return usage;
    }
}

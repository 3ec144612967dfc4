package dev.paddock.gateway.openai.completions;

import dev.paddock.api.openai.v1.Completion;
import dev.paddock.api.openai.v1.CompletionChoice;
import dev.paddock.api.openai.v1.CompletionLogprobs;
import dev.paddock.gateway.openai.ChoiceResult;
import dev.paddock.gateway.openai.ChoiceResults;
import dev.paddock.gateway.openai.FinishReasons;
import java.util.ArrayList;
import java.util.List;

/** Builds a non-streamed text completion from its gathered choices. */
final class CompletionAssembler {

    private CompletionAssembler() {
    }

    static Completion completion(CompletionPlan plan, ChoiceResults results, String fingerprint) {
        List<CompletionChoice> choices = new ArrayList<>(results.choices().size());
        for (int i = 0; i < results.choices().size(); i++) {
            choices.add(choice(plan, i, results.choices().get(i)));
        }
        return new Completion(plan.id(), Completion.OBJECT, plan.created(), plan.model(), fingerprint, choices,
                results.usage().toWire());
    }

    private static CompletionChoice choice(CompletionPlan plan, int index, ChoiceResult result) {
        String echo = plan.echo() ? plan.echoText(index, result.promptLogprobs()) : "";
        CompletionLogprobs logprobs = null;
        if (plan.logprobs() != null) {
            LegacyLogprobs builder = new LegacyLogprobs();
            if (plan.echo()) {
                builder.add(result.promptLogprobs()).moveTo(echo.length());
            }
            logprobs = builder.add(result.logprobs()).build();
        }
        return new CompletionChoice(echo + result.text(), index, logprobs,
                FinishReasons.wire(result.finishReason()));
    }
}

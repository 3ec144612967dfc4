package dev.paddock.gateway.openai.chat;

import dev.paddock.api.openai.v1.AssistantMessage;
import dev.paddock.api.openai.v1.ChatChoice;
import dev.paddock.api.openai.v1.ChatCompletion;
import dev.paddock.api.openai.v1.ChatLogprobs;
import dev.paddock.api.openai.v1.ToolCall;
import dev.paddock.gateway.openai.ChoiceResult;
import dev.paddock.gateway.openai.ChoiceResults;
import dev.paddock.gateway.openai.FinishReasons;
import dev.paddock.gateway.openai.ResponseIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a non-streamed chat completion from its gathered choices. */
final class ChatCompletionAssembler {

    private ChatCompletionAssembler() {
    }

    static ChatCompletion completion(ChatPlan plan, ChoiceResults results, String fingerprint) {
        List<ChatChoice> choices = new ArrayList<>(results.choices().size());
        for (int i = 0; i < results.choices().size(); i++) {
            choices.add(choice(plan, i, results.choices().get(i)));
        }
        return new ChatCompletion(plan.id(), ChatCompletion.OBJECT, plan.created(), plan.model(), fingerprint,
                choices, results.usage().toWire());
    }

    private static ChatChoice choice(ChatPlan plan, int index, ChoiceResult result) {
        ChatLogprobs logprobs = plan.logprobs() ? ChatLogprobsFormat.of(result.logprobs()) : null;
        Optional<ToolForcing.Call> call = plan.forcing() == null ? Optional.empty()
                : plan.forcing().parse(result.text());
        if (call.isPresent()) {
            ToolCall wire = ToolCall.of(ResponseIds.toolCall(), call.get().name(), call.get().arguments());
            return new ChatChoice(index, AssistantMessage.calls(List.of(wire)), logprobs, FinishReasons.TOOL_CALLS);
        }
        return new ChatChoice(index, AssistantMessage.text(result.text()), logprobs,
                FinishReasons.wire(result.finishReason()));
    }
}

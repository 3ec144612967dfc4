package dev.paddock.gateway.openai.chat;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.openai.v1.ChatCompletionRequest;
import dev.paddock.gateway.config.GatewayConfig;
import dev.paddock.gateway.openai.GenerationSpec;
import dev.paddock.gateway.openai.ModelNames;
import dev.paddock.gateway.openai.RequestChecks;
import dev.paddock.gateway.openai.ResponseIds;
import dev.paddock.gateway.openai.Streaming;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Checks a chat request field by field and turns it into engine requests. */
@ApplicationScoped
class ChatRequests {

    private final GatewayConfig config;
    private final ModelNames models;

    ChatRequests(GatewayConfig config, ModelNames models) {
        this.config = config;
        this.models = models;
    }

    ChatPlan plan(ChatCompletionRequest r) {
        RequestChecks.body(r);
        String model = RequestChecks.model(r.model());
        Streaming streaming = Streaming.of(r);
        int n = RequestChecks.choices(r.n());
        Prompt prompt = new Prompt.Chat(ChatMessages.convert(r.messages()), ToolDefinitions.convert(r.tools()));
        ToolForcing forcing = ToolChoices.forcing(r.toolChoice(), r.tools());
        OutputConstraint constraint = forcing != null ? forcing.constraint()
                : ResponseFormats.constraint(r.responseFormat());
        Integer logprobs = ChatLogprobsFormat.requested(r.logprobs(), r.topLogprobs());
        String id = ResponseIds.chatCompletion();
        List<GenerateRequest> requests = new GenerationSpec(maxTokens(r), logprobs, false, constraint)
                .requests(id, r, prompt, n, models.sampling(model));
        return new ChatPlan(id, Instant.now().getEpochSecond(), models.canonical(model), requests, streaming,
                logprobs != null, forcing);
    }

    private int maxTokens(ChatCompletionRequest r) {
        int fallback = config.defaultMaxTokens().orElse(-1);
        if (r.maxCompletionTokens() != null) {
            return RequestChecks.maxTokens(r.maxCompletionTokens(), "max_completion_tokens", fallback);
        }
        return RequestChecks.maxTokens(r.maxTokens(), "max_tokens", fallback);
    }
}

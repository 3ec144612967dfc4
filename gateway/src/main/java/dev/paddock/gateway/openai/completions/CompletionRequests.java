package dev.paddock.gateway.openai.completions;

import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.openai.v1.CompletionRequest;
import dev.paddock.gateway.config.GatewayConfig;
import dev.paddock.gateway.openai.GenerationSpec;
import dev.paddock.gateway.openai.ModelNames;
import dev.paddock.gateway.openai.PromptInputs;
import dev.paddock.gateway.openai.RequestChecks;
import dev.paddock.gateway.openai.ResponseIds;
import dev.paddock.gateway.openai.Streaming;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Checks a text completion request field by field and turns it into engine requests. */
@ApplicationScoped
class CompletionRequests {

    /** Most alternatives per token the legacy API returns. */
    static final int MAX_LOGPROBS = 5;
    /** Generations one request may ask for: its prompts times {@code n}. */
    static final int MAX_GENERATIONS = 2048;

    private final GatewayConfig config;
    private final ModelNames models;

    CompletionRequests(GatewayConfig config, ModelNames models) {
        this.config = config;
        this.models = models;
    }

    CompletionPlan plan(CompletionRequest r) {
        RequestChecks.body(r);
        String model = RequestChecks.model(r.model());
        unsupported(r);
        Streaming streaming = Streaming.of(r);
        int n = RequestChecks.choices(r.n());
        List<Prompt> prompts = PromptInputs.parse(r.prompt(), "prompt");
        // every prompt times n is a generation, each held in memory until it is admitted or refused
        RequestChecks.require((long) prompts.size() * n <= MAX_GENERATIONS, "prompt", "At most " + MAX_GENERATIONS
                + " completions are made per request (prompts times n); this one asks for " + prompts.size() + " x "
                + n + ".");
        RequestChecks.require(r.logprobs() == null || (r.logprobs() >= 0 && r.logprobs() <= MAX_LOGPROBS),
                "logprobs", "'logprobs' must be between 0 and " + MAX_LOGPROBS + ".");
        boolean echo = Boolean.TRUE.equals(r.echo());
        int maxTokens = RequestChecks.maxTokens(r.maxTokens(), "max_tokens", config.defaultMaxTokens().orElse(-1));
        GenerationSpec spec = new GenerationSpec(maxTokens, r.logprobs(), echo, null);
        String id = ResponseIds.completion();
        SamplingParams sampling = models.sampling(model);
        List<GenerateRequest> requests = new ArrayList<>(prompts.size() * n);
        for (int p = 0; p < prompts.size(); p++) {
            requests.addAll(spec.requests(id + "-" + p, r, prompts.get(p), n, sampling));
        }
        return new CompletionPlan(id, Instant.now().getEpochSecond(), models.canonical(model), prompts, n, requests,
                streaming, r.logprobs(), echo);
    }

    private static void unsupported(CompletionRequest r) {
        RequestChecks.require(r.suffix() == null || r.suffix().isEmpty(), "suffix", "suffix is not supported.");
        RequestChecks.require(r.bestOf() == null || r.bestOf() == 1, "best_of",
                "best_of is not supported: only 1 is accepted; use n for several choices.");
    }
}

package dev.paddock.server;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.EmbedRequest;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.model.v1alpha1.ModelSpec;
import dev.paddock.server.models.ModelRegistry;
import dev.paddock.server.models.ServedModel;
import dev.paddock.worker.engine.Engine;
import dev.paddock.worker.engine.GenerationHandle;
import dev.paddock.worker.engine.PreparedGeneration;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The single-process transport: the gateway's requests go straight to the in-process engines. A
 * request is checked, templated and tokenized when {@link #generate} is called (so mistakes fail
 * before any response starts) and queued when the stream is subscribed; cancelling the subscription
 * frees the slot at the engine's next step. Short prompts are prepared on the caller's thread (the
 * event loop, see {@link #startsInline}).
 */
@ApplicationScoped
@Typed(LocalInferenceService.class)
public class LocalInferenceService implements InferenceService {

    @Inject
    ModelRegistry registry;

    @Override
    public Multi<Chunk> generate(GenerateRequest request) {
        ServedModel model = registry.resolve(request.model());
        Engine engine = model.engine();
        PreparedGeneration prepared = engine.prepare(withModelLimits(model.spec(), request));
        checkPromptLimit(model.spec(), prepared);
        return Multi.createFrom().emitter(emitter -> {
            try {
                GenerationHandle handle = engine.start(prepared, chunk -> {
                    emitter.emit(chunk);
                    if (chunk.isLast()) {
                        emitter.complete();
                    }
                });
                emitter.onTermination(handle::cancel);
            } catch (InferenceException e) {
                emitter.fail(e);
            }
        }, BackPressureStrategy.BUFFER);
    }

    /**
     * A short prompt without an output constraint: templating and tokenizing it take tens of
     * microseconds, less than handing it to a worker thread. A long prompt, or a JSON schema whose
     * grammar must be compiled, is started on a worker thread.
     */
    @Override
    public boolean startsInline(GenerateRequest request) {
        return request.constraint() == null && InlinePrompts.small(request.prompt());
    }

    @Override
    public Uni<EmbedResult> embed(EmbedRequest request) {
        ServedModel model = registry.resolve(request.model());
        Engine engine = model.engine();
        return Uni.createFrom().completionStage(engine.embed(request.inputs(), request.normalize()));
    }

    @Override
    public List<ModelInfo> models() {
        return registry.all().stream().map(ServedModel::info).toList();
    }

    private static GenerateRequest withModelLimits(ModelSpec spec, GenerateRequest r) {
        Integer limit = spec.limits == null ? null : spec.limits.maxTokens;
        if (limit != null && r.maxTokens() > limit) {
            throw InferenceException.invalid("max_tokens", "'max_tokens' is limited to " + limit + " for model '"
                    + spec.name + "'");
        }
        int maxTokens = r.maxTokens();
        if (maxTokens == -1) {
            Integer byDefault = spec.defaults == null ? null : spec.defaults.maxTokens;
            maxTokens = byDefault != null ? byDefault : limit != null ? limit : -1;
        }
        return new GenerateRequest(r.id(), r.model(), r.prompt(), r.sampling(), maxTokens, r.minTokens(), r.stop(),
                r.ignoreEos(), r.logprobs(), r.echo(), r.constraint(), r.deadline(), r.priority());
    }

    private static void checkPromptLimit(ModelSpec spec, PreparedGeneration p) {
        Integer limit = spec.limits == null ? null : spec.limits.maxPromptTokens;
        if (limit != null && p.prompt().length > limit) {
            throw new InferenceException(InferenceException.Kind.CONTEXT_LENGTH_EXCEEDED, "messages",
                    "the prompt has " + p.prompt().length + " tokens; model '" + spec.name + "' accepts at most "
                            + limit);
        }
    }
}

package dev.paddock.worker.engine;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.api.inference.v1.Usage;
import java.util.ArrayList;
import java.util.List;

/** One request's state while it waits for and occupies a slot. Mutated only by the scheduler thread. */
final class Generation implements GenerationHandle {

    final GenerateRequest request;
    final int[] prompt;
    final Sampler sampler;
    final TextStream text;
    final boolean wantsPromptLogprobs;
    final int tokenLimit;
    private final ChunkSink sink;
    private final Runnable wakeScheduler;
    private volatile boolean cancelled;
    private volatile boolean done;

    Slot slot;
    int promptFed;
    int cachedPrompt;
    int generated;
    int lastToken;
    int outputIndex = -1;
    List<TokenLogprob> promptLogprobs;

    Generation(GenerateRequest request, int[] prompt, Sampler sampler, int tokenLimit, ChunkSink sink,
            Runnable wakeScheduler) {
        this.request = request;
        this.prompt = prompt;
        this.sampler = sampler;
        this.sink = sink;
        this.wakeScheduler = wakeScheduler;
        this.tokenLimit = tokenLimit;
        this.text = new TextStream(request.stop());
        this.wantsPromptLogprobs = request.echo();
    }

    @Override
    public void cancel() {
        cancelled = true;
        wakeScheduler.run(); // so an idle-waiting scheduler notices at once
    }

    @Override
    public boolean isDone() {
        return done;
    }

    boolean cancelled() {
        return cancelled;
    }

    boolean inPrompt() {
        return promptFed < prompt.length;
    }

    boolean wantsLogprobs() {
        return request.logprobs() != null;
    }

    int topLogprobs() {
        return request.logprobs() == null ? 0 : request.logprobs();
    }

    Usage usage() {
        return new Usage(prompt.length, generated, cachedPrompt);
    }

    void emit(Chunk chunk) {
        if (!done) {
            sink.accept(chunk);
        }
    }

    void emitPromptLogprobs() {
        if (promptLogprobs != null) {
            emit(new Chunk("", 0, List.of(), List.copyOf(promptLogprobs), null, null, null));
            promptLogprobs = null;
        }
    }

    /** Sends the last chunk exactly once and releases the sampler. */
    void finish(String lastText, int tokens, List<TokenLogprob> logprobs, FinishReason reason) {
        if (done) {
            return;
        }
        emitPromptLogprobs();
        sink.accept(Chunk.last(lastText, tokens, logprobs, reason, usage()));
        done = true;
        sampler.close();
    }

    void fail(String message) {
        if (done) {
            return;
        }
        sink.accept(Chunk.error(message, usage()));
        done = true;
        sampler.close();
    }

    List<TokenLogprob> newPromptLogprobs() {
        if (promptLogprobs == null) {
            promptLogprobs = new ArrayList<>(prompt.length);
        }
        return promptLogprobs;
    }
}

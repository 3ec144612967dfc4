package dev.paddock.gateway.openai.chat;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.openai.v1.ChatCompletionChunk;
import dev.paddock.api.openai.v1.ChatCompletionChunk.Delta;
import dev.paddock.api.openai.v1.ChatLogprobs;
import dev.paddock.api.openai.v1.ToolCall;
import dev.paddock.api.openai.v1.Usage;
import dev.paddock.gateway.openai.EventStream;
import dev.paddock.gateway.openai.FinishReasons;
import dev.paddock.gateway.openai.Frames;
import dev.paddock.gateway.openai.GenerationFailed;
import dev.paddock.gateway.openai.IndexedChunk;
import dev.paddock.gateway.openai.ResponseIds;
import dev.paddock.gateway.openai.StreamFailures;
import dev.paddock.gateway.openai.UsageTotals;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Optional;

/**
 * Turns a chat request's merged chunks into OpenAI's server-sent events: per choice, a first delta with
 * the role, content deltas (with their logprobs), a last delta with the finish reason; then the usage
 * chunk when asked for and {@code [DONE]}. A forced tool call is sent when its JSON is complete.
 * Chunks arrive one at a time (the merge serializes them).
 */
final class ChatEventStream implements EventStream {

    private final ChatPlan plan;
    private final Frames frames;
    private final String fingerprint;
    private final ChoiceState[] choices;
    private final UsageTotals usage;

    ChatEventStream(ChatPlan plan, Frames frames, String fingerprint) {
        this.plan = plan;
        this.frames = frames;
        this.fingerprint = fingerprint;
        this.choices = new ChoiceState[plan.requests().size()];
        for (int i = 0; i < choices.length; i++) {
            choices[i] = new ChoiceState(ResponseIds.toolCall(), new StringBuilder());
        }
        this.usage = new UsageTotals(choices.length);
    }

    /** The events a chunk makes (maybe none); throws for an engine error. */
    @Override
    public Buffer onChunk(IndexedChunk indexed) {
        GenerationFailed.check(indexed.chunk());
        int i = indexed.index();
        Chunk chunk = indexed.chunk();
        Buffer out = Buffer.buffer();
        if (!choices[i].started) {
            choices[i].started = true;
            event(out, i, firstDelta(choices[i]), null, null);
        }
        if (plan.forcing() != null) {
            forcedCall(out, i, chunk);
        } else {
            text(out, i, chunk);
        }
        if (chunk.isLast()) {
            usage.add(i, chunk);
        }
        return out;
    }

    /** The usage chunk when asked for, and {@code [DONE]}. */
    @Override
    public Buffer closing() {
        Buffer out = Buffer.buffer();
        if (plan.streaming().includeUsage()) {
            frames.event(out, chunk(List.of(), usage.toWire()));
        }
        return frames.done(out);
    }

    /** Before any event: the failure, for an error status; after: an error event that ends the stream. */
    @Override
    public Buffer onFailure(Throwable failure) {
        return StreamFailures.event(failure, frames);
    }

    private Delta firstDelta(ChoiceState state) {
        Optional<String> name = plan.forcing() == null ? Optional.empty() : plan.forcing().knownName();
        if (name.isEmpty()) {
            return new Delta("assistant", plan.forcing() == null ? "" : null, null);
        }
        ToolCall call = new ToolCall(0, state.callId, "function", new ToolCall.FunctionCall(name.get(), ""));
        return new Delta("assistant", null, List.of(call));
    }

    private void text(Buffer out, int i, Chunk chunk) {
        if (!chunk.text().isEmpty() || !chunk.logprobs().isEmpty()) {
            ChatLogprobs logprobs = plan.logprobs() ? ChatLogprobsFormat.of(chunk.logprobs()) : null;
            event(out, i, new Delta(null, chunk.text(), null), logprobs, null);
        }
        if (chunk.isLast()) {
            event(out, i, Delta.EMPTY, null, FinishReasons.wire(chunk.finishReason()));
        }
    }

    private void forcedCall(Buffer out, int i, Chunk chunk) {
        ChoiceState state = choices[i];
        state.output.append(chunk.text());
        if (!chunk.isLast()) {
            return;
        }
        Optional<ToolForcing.Call> call = plan.forcing().parse(state.output.toString());
        if (call.isEmpty()) {
            // cut short (token limit): send what was generated as text, with the engine's reason
            event(out, i, new Delta(null, state.output.toString(), null), null, null);
            event(out, i, Delta.EMPTY, null, FinishReasons.wire(chunk.finishReason()));
            return;
        }
        boolean announced = plan.forcing().knownName().isPresent();
        ToolCall.FunctionCall function = new ToolCall.FunctionCall(announced ? null : call.get().name(),
                call.get().arguments());
        ToolCall delta = new ToolCall(0, announced ? null : state.callId, announced ? null : "function", function);
        event(out, i, new Delta(null, null, List.of(delta)), null, null);
        event(out, i, Delta.EMPTY, null, FinishReasons.TOOL_CALLS);
    }

    private void event(Buffer out, int index, Delta delta, ChatLogprobs logprobs, String finishReason) {
        ChatCompletionChunk.ChunkChoice choice = new ChatCompletionChunk.ChunkChoice(index, delta, logprobs,
                finishReason);
        frames.event(out, chunk(List.of(choice), null));
    }

    private ChatCompletionChunk chunk(List<ChatCompletionChunk.ChunkChoice> choices,
            Usage totals) {
        return new ChatCompletionChunk(plan.id(), ChatCompletionChunk.OBJECT, plan.created(), plan.model(),
                fingerprint, choices, totals);
    }

    /** What one choice has sent so far. */
    private static final class ChoiceState {
        final String callId;
        final StringBuilder output;
        boolean started;

        ChoiceState(String callId, StringBuilder output) {
            this.callId = callId;
            this.output = output;
        }
    }
}

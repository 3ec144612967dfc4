package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.proto.Chunk;
import dev.paddock.api.inference.v1.proto.FinishReason;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Gathers a generation's chunks into fewer, larger ones: the first chunk goes out at once (time to first token
 * is unchanged, and the gateway may still retry a request that sent nothing), the rest at most once per
 * interval, each carrying the text, token count and log-probabilities of the chunks gathered since the last
 * one, with the finish reason, usage and error of the newest. The chunk that crosses the interval sends what
 * was gathered, so nothing waits longer than the gap between two generated tokens past the interval, and
 * {@link #flush()} sends the rest when the generation ends. Not thread-safe: one generation's chunks arrive
 * one after another.
 */
final class ChunkCoalescer {

    private final long intervalNanos;
    private final Consumer<Chunk> send;
    private Chunk.Builder pending;
    private boolean sentFirst;
    private long lastSent;

    ChunkCoalescer(Duration interval, Consumer<Chunk> send) {
        this.intervalNanos = interval.toNanos();
        this.send = send;
    }

    void add(Chunk chunk) {
        long now = System.nanoTime();
        boolean due = !sentFirst || intervalNanos <= 0 || now - lastSent >= intervalNanos || ends(chunk);
        if (due) {
            sentFirst = true;
            lastSent = now;
        }
        if (pending == null && due) {
            // nothing gathered: the chunk goes as it is (every chunk of an interactive stream), without a copy
            send.accept(chunk);
            return;
        }
        if (pending == null) {
            pending = chunk.toBuilder();
        } else {
            merge(pending, chunk);
        }
        if (due) {
            flush();
        }
    }

    /** Sends what was gathered, if anything. */
    void flush() {
        if (pending != null) {
            Chunk c = pending.build();
            pending = null;
            send.accept(c);
        }
    }

    private static boolean ends(Chunk c) {
        return c.getFinishReason() != FinishReason.FINISH_NONE || c.hasError();
    }

    private static void merge(Chunk.Builder into, Chunk next) {
        into.setText(into.getText() + next.getText())
                .setTokens(into.getTokens() + next.getTokens())
                .addAllLogprobs(next.getLogprobsList())
                .addAllPromptLogprobs(next.getPromptLogprobsList());
        if (next.getFinishReason() != FinishReason.FINISH_NONE) {
            into.setFinishReason(next.getFinishReason());
        }
        if (next.hasUsage()) {
            into.setUsage(next.getUsage());
        }
        if (next.hasError()) {
            into.setError(next.getError());
        }
    }
}

package dev.paddock.worker.engine;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.TokenLogprob;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Records a generation's chunks; {@link #last()} waits for the end of the stream. */
class StreamRecorder implements ChunkSink {

    final List<Chunk> chunks = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Chunk> done = new CompletableFuture<>();

    @Override
    public void accept(Chunk chunk) {
        if (done.isDone()) {
            throw new AssertionError("chunk after the last one: " + chunk);
        }
        chunks.add(chunk);
        if (chunk.isLast()) {
            done.complete(chunk);
        }
    }

    Chunk last() {
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("stream did not end: " + chunks, e);
        }
    }

    String text() {
        last();
        StringBuilder sb = new StringBuilder();
        chunks.forEach(c -> sb.append(c.text()));
        return sb.toString();
    }

    List<TokenLogprob> logprobs() {
        last();
        return chunks.stream().flatMap(c -> c.logprobs().stream()).toList();
    }

    List<TokenLogprob> promptLogprobs() {
        last();
        return chunks.stream().flatMap(c -> c.promptLogprobs().stream()).toList();
    }

    int tokens() {
        last();
        return chunks.stream().mapToInt(Chunk::tokens).sum();
    }
}

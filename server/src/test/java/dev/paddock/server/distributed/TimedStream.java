package dev.paddock.server.distributed;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A streamed completion read on its own virtual thread through the OpenAI SDK, noting when its first text
 * arrived (on this JVM's monotonic clock), so tests can tell in which order requests started.
 */
final class TimedStream implements AutoCloseable {

    private final CountDownLatch firstText = new CountDownLatch(1);
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile long firstTextAt = Long.MAX_VALUE;
    private volatile Thread reader;

    private TimedStream() {
    }

    static TimedStream start(OpenAIClient client, CompletionCreateParams params) {
        TimedStream s = new TimedStream();
        s.reader = Thread.ofVirtual().start(() -> s.read(client, params));
        return s;
    }

    /** Waits for the first text; false when none came in time. */
    boolean awaitFirstText(long seconds) throws InterruptedException {
        return firstText.await(seconds, TimeUnit.SECONDS);
    }

    /** When the first text came ({@link System#nanoTime()}), {@link Long#MAX_VALUE} while none has. */
    long firstTextAt() {
        return firstTextAt;
    }

    CompletableFuture<Void> ended() {
        return ended;
    }

    /**
     * Stops reading: interrupting a virtual thread blocked on a socket closes the socket, so the gateway sees
     * the client go away and cancels the request.
     */
    @Override
    public void close() {
        reader.interrupt();
    }

    private void read(OpenAIClient client, CompletionCreateParams params) {
        try (StreamResponse<Completion> r = client.completions().createStreaming(params)) {
            r.stream().forEach(c -> {
                if (firstTextAt == Long.MAX_VALUE && c.choices().stream().anyMatch(ch -> !ch.text().isEmpty())) {
                    firstTextAt = System.nanoTime();
                    firstText.countDown();
                }
            });
            ended.complete(null);
        } catch (RuntimeException e) {
            ended.completeExceptionally(e);
        }
    }
}

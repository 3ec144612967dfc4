package dev.paddock.server.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * How one streamed completion ended, read from the raw server-sent events: how many events carried text,
 * whether it ended with {@code [DONE]} or with an error event.
 *
 * @param status HTTP status
 * @param textEvents events with a non-empty text
 * @param done ended with {@code data: [DONE]}
 * @param error ended with an event holding an error envelope
 */
record SseOutcome(int status, int textEvents, boolean done, boolean error) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Posts a streamed completion and reads it to its end; counts down {@code firstText} once, at its first text. */
    static SseOutcome stream(URI v1, String body, CountDownLatch firstText) {
        HttpRequest request = HttpRequest.newBuilder(v1.resolve("v1/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
            AtomicBoolean counted = new AtomicBoolean();
            List<String> events = response.body().filter(l -> l.startsWith("data: ")).peek(l -> {
                if (hasText(l) && counted.compareAndSet(false, true)) {
                    firstText.countDown();
                }
            }).toList();
            int text = (int) events.stream().filter(SseOutcome::hasText).count();
            boolean done = !events.isEmpty() && events.getLast().equals("data: [DONE]");
            boolean error = !events.isEmpty() && events.getLast().contains("\"error\"");
            return new SseOutcome(response.statusCode(), text, done, error);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasText(String event) {
        return event.contains("\"text\":\"") && !event.contains("\"text\":\"\"");
    }
}

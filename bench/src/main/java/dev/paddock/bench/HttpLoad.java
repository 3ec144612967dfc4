package dev.paddock.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A generic HTTP load driver for one server: base URL plus endpoint plus body, streaming answers read
 * line by line as server-sent events through a {@link StreamDialect}. Only loopback addresses.
 */
final class HttpLoad {

    private final URI base;
    private final HttpClient client;

    HttpLoad(URI base) {
        if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1, not " + base);
        }
        this.base = base;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI base() {
        return base;
    }

    private HttpRequest post(String endpoint, String body) {
        return HttpRequest.newBuilder(base.resolve(endpoint)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * One streaming request: time to the first event with text, tokens as the server reports them
     * (or as counted events when it does not).
     */
    Sample stream(String endpoint, String body, StreamDialect dialect, boolean keepText)
            throws IOException, InterruptedException {
        HttpRequest request = post(endpoint, body);
        long t0 = System.nanoTime();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String text;
            try (Stream<String> lines = response.body()) {
                text = String.join(" ", lines.toList());
            }
            return Sample.failed(System.nanoTime() - t0, "HTTP " + response.statusCode() + ": " + text);
        }
        long first = 0;
        long lastAt = 0;
        int counted = 0;
        int reported = -1;
        double serverPerToken = Double.NaN;
        StringBuilder text = keepText ? new StringBuilder() : null;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue; // blank separators, comments (pings), event names
                }
                String data = line.substring(line.charAt(5) == ' ' ? 6 : 5);
                StreamDialect.Event e = dialect.read(data, keepText);
                long now = System.nanoTime();
                if (e.hasText()) {
                    counted++;
                    if (first == 0) {
                        first = now;
                    }
                }
                if (text != null && e.text() != null) {
                    text.append(e.text());
                }
                if (e.tokens() >= 0) {
                    reported = e.tokens();
                }
                if (!Double.isNaN(e.serverPerTokenMs())) {
                    serverPerToken = e.serverPerTokenMs();
                }
                lastAt = now;
                if (e.last()) {
                    break;
                }
            }
        }
        long end = lastAt == 0 ? System.nanoTime() : lastAt;
        int tokens = reported >= 0 ? reported : counted;
        return new Sample(first == 0 ? -1 : first - t0, end - t0, tokens, first == 0 ? 0 : end - first,
                serverPerToken, text == null ? null : text.toString(), null);
    }

    /** One plain request (embeddings): latency to the whole answer; fails unless 200 and {@code mustContain}. */
    Sample call(String endpoint, String body, String mustContain) throws IOException, InterruptedException {
        HttpRequest request = post(endpoint, body);
        long t0 = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        long latency = System.nanoTime() - t0;
        if (response.statusCode() != 200 || !response.body().contains(mustContain)) {
            String b = response.body();
            return Sample.failed(latency, "HTTP " + response.statusCode() + ": " + b.substring(0,
                    Math.min(200, b.length())));
        }
        return Sample.embedding(latency);
    }
}

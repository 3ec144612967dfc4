package dev.paddock.bench;

import java.io.IOException;
import java.net.URI;

/**
 * A generic HTTP load driver for one server: base URL plus endpoint plus body, streaming answers read
 * line by line as server-sent events through a {@link StreamDialect}. Only loopback addresses.
 */
final class HttpLoad {

    private final URI base;
    private final LoopbackHttp client;

    HttpLoad(URI base) {
        if (!base.getHost().equals("127.0.0.1") && !base.getHost().equals("localhost")) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1, not " + base);
        }
        this.base = base;
        this.client = new LoopbackHttp(base.getHost(), base.getPort());
    }

    URI base() {
        return base;
    }

    /**
     * One streaming request: time to the first event with text, tokens as the server reports them
     * (or as counted events when it does not).
     */
    Sample stream(String endpoint, String body, StreamDialect dialect, boolean keepText) throws IOException {
        return stream(endpoint, "", body, dialect, keepText);
    }

    /** The same with more request headers (complete lines ending in CRLF, or ""). */
    Sample stream(String endpoint, String headers, String body, StreamDialect dialect, boolean keepText)
            throws IOException {
        StreamReading reading = new StreamReading(dialect, keepText);
        reading.t0 = System.nanoTime();
        int status = client.post(endpoint, headers, body, reading::onLine);
        if (status != 200) {
            return Sample.failed(System.nanoTime() - reading.t0, "HTTP " + status + ": " + reading.raw);
        }
        return reading.sample();
    }

    /** One plain request (embeddings): latency to the whole answer; fails unless 200 and {@code mustContain}. */
    Sample call(String endpoint, String body, String mustContain) throws IOException {
        StringBuilder answer = new StringBuilder();
        long t0 = System.nanoTime();
        int status = client.post(endpoint, body, line -> {
            answer.append(line).append('\n');
            return true;
        });
        long latency = System.nanoTime() - t0;
        if (status != 200 || answer.indexOf(mustContain) < 0) {
            return Sample.failed(latency, "HTTP " + status + ": " + answer.substring(0, Math.min(200, answer.length())));
        }
        return Sample.embedding(latency);
    }

    /** The state of one streamed answer as its lines arrive. */
    private static final class StreamReading {

        private final StreamDialect dialect;
        private final StringBuilder text;
        private final StringBuilder raw = new StringBuilder();
        long t0;
        private long first;
        private long lastAt;
        private int counted;
        private int reported = -1;
        private double serverPerToken = Double.NaN;

        StreamReading(StreamDialect dialect, boolean keepText) {
            this.dialect = dialect;
            this.text = keepText ? new StringBuilder() : null;
        }

        /** Takes one body line; false once the last event was read. */
        boolean onLine(String line) {
            if (!line.startsWith("data:")) {
                if (raw.length() < 200) {
                    raw.append(line).append(' ');
                }
                return true; // blank separators, comments (pings), event names, error bodies
            }
            String data = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
            StreamDialect.Event e = dialect.read(data, text != null);
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
            return !e.last();
        }

        Sample sample() {
            long end = lastAt == 0 ? System.nanoTime() : lastAt;
            int tokens = reported >= 0 ? reported : counted;
            return new Sample(first == 0 ? -1 : first - t0, end - t0, tokens, first == 0 ? 0 : end - first,
                    serverPerToken, text == null ? null : text.toString(), null);
        }
    }
}

package dev.paddock.bench;

/**
 * One request's measurements.
 *
 * @param ttftNanos request sent (or submitted) to the first piece of non-empty generated text; -1 for embeddings
 * @param latencyNanos request sent to the last byte of the answer
 * @param tokens generated tokens as the server counted them (0 for embeddings)
 * @param streamNanos first non-empty text to the last chunk: tokens - 1 decode steps of this stream
 * @param serverPerTokenMs the server's own decode time per token when it reports one, else NaN
 * @param text the generated text (kept for the first request of a level only), or null
 * @param error what went wrong, or null
 */
record Sample(long ttftNanos, long latencyNanos, int tokens, long streamNanos, double serverPerTokenMs, String text,
        String error) {

    static Sample failed(long latencyNanos, String error) {
        return new Sample(-1, latencyNanos, 0, 0, Double.NaN, null, error);
    }

    static Sample embedding(long latencyNanos) {
        return new Sample(-1, latencyNanos, 0, 0, Double.NaN, null, null);
    }

    /** Mean time between this stream's tokens (one decode step as the client sees it), or -1. */
    long interTokenNanos() {
        return tokens > 1 && streamNanos > 0 ? streamNanos / (tokens - 1) : -1;
    }
}

package dev.paddock.eval.client;

/**
 * One generated answer and how long it took, measured on the client.
 *
 * @param text the generated text
 * @param ttftSeconds seconds from sending the request to the first text
 * @param latencySeconds seconds from sending the request to the end of the answer
 * @param completionTokens tokens generated (from the endpoint's usage), -1 when it reported none
 */
public record Answer(String text, double ttftSeconds, double latencySeconds, long completionTokens) {

    /** Generated tokens per second after the first one; 0 when it cannot be told. */
    public double tokensPerSecond() {
        double decode = latencySeconds - ttftSeconds;
        return completionTokens > 1 && decode > 0 ? (completionTokens - 1) / decode : 0;
    }
}

package dev.paddock.eval.client;

/** The OpenAI-compatible endpoint answered with an error or something that is not its API. */
public class EndpointException extends RuntimeException {

    private final int status;

    public EndpointException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the endpoint could not be reached. */
    public int status() {
        return status;
    }

    /** Whether trying again later may succeed (429, 503, connection failure). */
    public boolean retryable() {
        return status == 0 || status == 429 || status == 503;
    }
}

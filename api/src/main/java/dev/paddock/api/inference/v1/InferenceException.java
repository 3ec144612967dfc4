package dev.paddock.api.inference.v1;

/**
 * A request that cannot be served, with the reason as a kind the gateway maps to an HTTP status
 * and, for invalid input, the name of the offending parameter.
 */
public class InferenceException extends RuntimeException {

    /** Why the request failed. */
    public enum Kind {
        /** A parameter is out of range or malformed (HTTP 400). */
        INVALID_REQUEST,
        /** The prompt does not fit the model's context (HTTP 400). */
        CONTEXT_LENGTH_EXCEEDED,
        /** No such model (HTTP 404). */
        MODEL_NOT_FOUND,
        /** The model's queue is full (HTTP 429, retry later). */
        QUEUE_FULL,
        /** The model is not loaded yet (HTTP 503). */
        MODEL_LOADING,
        /** The transport to the workers is unavailable (HTTP 503). */
        UNAVAILABLE,
        /** The engine failed (HTTP 500). */
        INTERNAL
    }

    private final Kind kind;
    private final String param;

    public InferenceException(Kind kind, String param, String message) {
        super(message);
        this.kind = kind;
        this.param = param;
    }

    public InferenceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.param = null;
    }

    public static InferenceException invalid(String param, String message) {
        return new InferenceException(Kind.INVALID_REQUEST, param, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request parameter at fault, or null. */
    public String param() {
        return param;
    }
}

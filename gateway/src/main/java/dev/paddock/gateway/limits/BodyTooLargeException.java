package dev.paddock.gateway.limits;

/** A request body over {@code paddock.gateway.max-body-size}; answered 413. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("The request body is too large: at most " + limit + " bytes are accepted.");
    }
}

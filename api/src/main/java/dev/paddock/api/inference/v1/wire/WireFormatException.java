package dev.paddock.api.inference.v1.wire;

/** A record or message that does not decode into a request: a poison record. */
public class WireFormatException extends RuntimeException {

    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

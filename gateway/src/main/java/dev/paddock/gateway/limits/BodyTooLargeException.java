package dev.paddock.gateway.limits;

import dev.paddock.api.openai.v1.ErrorResponse;
import dev.paddock.gateway.errors.OpenAiErrors;

/** A request body over {@code paddock.gateway.max-body-size}; answered 413. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long limit) {
        super("The request body is too large: at most " + limit + " bytes are accepted.");
    }

    /** The 413's body in OpenAI's envelope, whichever layer refuses the body. */
    public ErrorResponse envelope() {
        return ErrorResponse.of(getMessage(), OpenAiErrors.INVALID_REQUEST, null, "request_too_large");
    }
}

package dev.paddock.gateway.errors;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.openai.v1.ErrorResponse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/** Maps an {@link InferenceException}'s kind to an HTTP status, an OpenAI error type and code. */
public final class InferenceErrors {

    private InferenceErrors() {
    }

    /** The HTTP response for a failed inference request. */
    public static Response response(InferenceException e, Duration retryAfter) {
        int status = status(e.kind());
        Response.ResponseBuilder builder = OpenAiErrors.builder(status, envelope(e));
        if (status == 429 || status == 503) {
            builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, retryAfter.toSeconds()));
        }
        return builder.build();
    }

    /** The error envelope, also sent as an event when a stream fails after it started. */
    public static ErrorResponse envelope(InferenceException e) {
        return switch (e.kind()) {
            case INVALID_REQUEST -> error(e, OpenAiErrors.INVALID_REQUEST, e.param(), null);
            case CONTEXT_LENGTH_EXCEEDED -> error(e, OpenAiErrors.INVALID_REQUEST, paramOr(e, "messages"),
                    "context_length_exceeded");
            case MODEL_NOT_FOUND -> error(e, OpenAiErrors.INVALID_REQUEST, paramOr(e, "model"), "model_not_found");
            case QUEUE_FULL -> error(e, OpenAiErrors.RATE_LIMIT, null, "rate_limit_exceeded");
            case MODEL_LOADING -> error(e, OpenAiErrors.SERVER, null, "model_loading");
            case UNAVAILABLE -> error(e, OpenAiErrors.SERVER, null, "service_unavailable");
            case INTERNAL -> error(e, OpenAiErrors.SERVER, null, null);
        };
    }

    static int status(InferenceException.Kind kind) {
        return switch (kind) {
            case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED -> 400;
            case MODEL_NOT_FOUND -> 404;
            case QUEUE_FULL -> 429;
            case MODEL_LOADING, UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    private static ErrorResponse error(InferenceException e, String type, String param, String code) {
        return ErrorResponse.of(e.getMessage(), type, param, code);
    }

    private static String paramOr(InferenceException e, String fallback) {
        return e.param() != null ? e.param() : fallback;
    }
}

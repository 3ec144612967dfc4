package dev.paddock.gateway.errors;

import dev.paddock.api.openai.v1.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Builds error responses in OpenAI's envelope, {@code {"error":{"message","type","param","code"}}}. */
public final class OpenAiErrors {

    /** A client mistake. */
    public static final String INVALID_REQUEST = "invalid_request_error";
    /** Too many requests queued. */
    public static final String RATE_LIMIT = "rate_limit_error";
    /** The server failed or cannot serve now. */
    public static final String SERVER = "server_error";

    private OpenAiErrors() {
    }

    /** A 400 naming the parameter at fault. */
    public static Response invalid(String message, String param) {
        return of(400, ErrorResponse.of(message, INVALID_REQUEST, param, null));
    }

    /** A response with the envelope as its JSON body. */
    public static Response of(int status, ErrorResponse body) {
        return builder(status, body).build();
    }

    /** A response builder, for adding headers. */
    public static Response.ResponseBuilder builder(int status, ErrorResponse body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }
}

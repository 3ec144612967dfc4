package dev.paddock.gateway.errors;

import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.paddock.api.openai.v1.ErrorResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** OpenAI-style envelopes for the errors of HTTP itself: unknown URL, method, content type. */
final class HttpErrors {

    private HttpErrors() {
    }

    static Response response(WebApplicationException e, String method, String path) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 404 -> error(404, "Unknown request URL: " + method + " " + path + ". Please check the URL for"
                    + " typos.", "unknown_url");
            case 405 -> error(405, "Method " + method + " is not allowed for " + path + ".", "method_not_allowed");
            case 415 -> error(415, "Unsupported content type: send the request body as application/json.",
                    "unsupported_media_type");
            case 400 -> badRequest(e);
            default -> error(status, reason(e), null);
        };
    }

    private static Response badRequest(WebApplicationException e) {
        // the JSON reader wraps a syntax error in a plain 400; say what it was
        if (e.getCause() instanceof StreamReadException) {
            return error(400, JsonErrors.UNPARSABLE, null);
        }
        return error(400, reason(e), null);
    }

    private static String reason(WebApplicationException e) {
        Response.StatusType info = e.getResponse().getStatusInfo();
        return e.getMessage() != null ? e.getMessage() : info.getReasonPhrase();
    }

    private static Response error(int status, String message, String code) {
        String type = status >= 500 ? OpenAiErrors.SERVER : OpenAiErrors.INVALID_REQUEST;
        return OpenAiErrors.of(status, ErrorResponse.of(message, type, null, code));
    }
}

package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * OpenAI's error envelope, the body of every error response: {@code {"error":{...}}}. In a stream
 * that already started, the same object is sent as a server-sent event.
 *
 * @param error what went wrong
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorResponse(Error error) {

    public static ErrorResponse of(String message, String type, String param, String code) {
        return new ErrorResponse(new Error(message, type, param, code));
    }

    /**
     * The error.
     *
     * @param message for a person to read
     * @param type invalid_request_error, authentication_error, rate_limit_error, server_error...
     * @param param the request parameter at fault, or null
     * @param code a machine-readable code (model_not_found, context_length_exceeded...), or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Error(String message, String type, String param, String code) {
    }
}

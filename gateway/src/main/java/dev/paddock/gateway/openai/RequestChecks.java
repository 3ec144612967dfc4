package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.InferenceException;

/** Checks of the request fields every endpoint shares; each failure names the parameter. */
public final class RequestChecks {

    /** Most choices one request may ask for. */
    public static final int MAX_CHOICES = 16;

    private RequestChecks() {
    }

    /** Fails when the body was empty. */
    public static <T> T body(T body) {
        if (body == null) {
            throw InferenceException.invalid(null, "The request body is empty: send a JSON object.");
        }
        return body;
    }

    /** The model name, which must be given. */
    public static String model(String model) {
        if (model == null || model.isBlank()) {
            throw InferenceException.invalid("model", "You must provide a model parameter.");
        }
        return model;
    }

    /** The number of choices, 1 by default, at most {@value #MAX_CHOICES}. */
    public static int choices(Integer n) {
        if (n == null) {
            return 1;
        }
        if (n < 1 || n > MAX_CHOICES) {
            throw InferenceException.invalid("n", "'n' must be between 1 and " + MAX_CHOICES + ".");
        }
        return n;
    }

    /** A token limit: the request's (at least 1), else the configured default, else -1 (no limit). */
    public static int maxTokens(Integer requested, String param, int fallback) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1) {
            throw InferenceException.invalid(param, "'" + param + "' must be at least 1.");
        }
        return requested;
    }

    /** Fails with a 400 naming the parameter when the condition does not hold. */
    public static void require(boolean condition, String param, String message) {
        if (!condition) {
            throw InferenceException.invalid(param, message);
        }
    }
}

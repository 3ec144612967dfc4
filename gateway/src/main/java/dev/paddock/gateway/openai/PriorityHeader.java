package dev.paddock.gateway.openai;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.gateway.auth.ApiKeys;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The {@code x-paddock-priority} request header: {@code interactive} or {@code batch}; without it the class
 * the request's API key gives by default ({@link ApiKeys}: interactive unless the key is a batch key).
 * Batch work (e.g. evaluations) is queued behind interactive work and never delays it.
 */
public final class PriorityHeader {

    /** The header's name. */
    public static final String NAME = "x-paddock-priority";

    private PriorityHeader() {
    }

    /** The request's class; 400 for a value other than interactive or batch. */
    public static Priority of(RoutingContext context, ApiKeys keys) {
        String value = context == null ? null : context.request().getHeader(NAME);
        if (value == null || value.isBlank()) {
            return context == null ? Priority.INTERACTIVE
                    : keys.defaultFor(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "interactive" -> Priority.INTERACTIVE;
            case "batch" -> Priority.BATCH;
            default -> throw InferenceException.invalid(NAME,
                    "the " + NAME + " header must be 'interactive' or 'batch' (got '" + value + "')");
        };
    }
}

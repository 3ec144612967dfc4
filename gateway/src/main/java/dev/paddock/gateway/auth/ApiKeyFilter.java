package dev.paddock.gateway.auth;

import dev.paddock.api.openai.v1.ErrorResponse;
import dev.paddock.gateway.errors.OpenAiErrors;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks {@code Authorization: Bearer <key>} against the configured {@link ApiKeys} on every {@code /v1}
 * request, before the body is read; with no keys configured every request passes.
 */
public class ApiKeyFilter {

    private final ApiKeys keys;

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    /** A 401 response for a missing or unknown key, empty to let the request through. */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!keys.enabled() || !request.getUriInfo().getPath().startsWith("/v1")) {
            return Optional.empty();
        }
        Optional<String> presented = ApiKeys.presented(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (presented.isEmpty()) {
            return Optional.of(unauthorized("You didn't provide an API key. Provide it in an Authorization header"
                    + " using Bearer auth (Authorization: Bearer YOUR_KEY).", null));
        }
        if (keys.classOf(presented.get()).isEmpty()) {
            return Optional.of(unauthorized("Incorrect API key provided.", "invalid_api_key"));
        }
        return Optional.empty();
    }

    private static Response unauthorized(String message, String code) {
        return OpenAiErrors.builder(401, ErrorResponse.of(message, OpenAiErrors.INVALID_REQUEST, null, code))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}

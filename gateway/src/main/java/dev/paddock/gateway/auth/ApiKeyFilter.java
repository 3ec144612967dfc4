package dev.paddock.gateway.auth;

import dev.paddock.api.openai.v1.ErrorResponse;
import dev.paddock.gateway.config.GatewayConfig;
import dev.paddock.gateway.errors.OpenAiErrors;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks {@code Authorization: Bearer <key>} against {@code paddock.gateway.api-keys} on every
 * {@code /v1} request, before the body is read; with no keys configured every request passes.
 */
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    private final List<byte[]> keys;

    ApiKeyFilter(GatewayConfig config) {
        this.keys = config.apiKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** A 401 response for a missing or unknown key, empty to let the request through. */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (keys.isEmpty() || !request.getUriInfo().getPath().startsWith("/v1")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(unauthorized("You didn't provide an API key. Provide it in an Authorization header"
                    + " using Bearer auth (Authorization: Bearer YOUR_KEY).", null));
        }
        if (!known(header.substring(BEARER.length()).strip())) {
            return Optional.of(unauthorized("Incorrect API key provided.", "invalid_api_key"));
        }
        return Optional.empty();
    }

    private boolean known(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (byte[] key : keys) {
            // constant time per key, and every key is compared, so timing does not reveal which matched
            found |= MessageDigest.isEqual(key, bytes);
        }
        return found;
    }

    private static Response unauthorized(String message, String code) {
        return OpenAiErrors.builder(401, ErrorResponse.of(message, OpenAiErrors.INVALID_REQUEST, null, code))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}

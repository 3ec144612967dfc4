package dev.paddock.gateway.limits;

import dev.paddock.gateway.config.GatewayConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body whose declared length is over the limit before a byte of it is read. Bodies sent
 * without a length (chunked) are counted as they are read by {@link ChunkedBodyLimit}.
 */
public class BodySizeFilter {

    private final long limit;

    BodySizeFilter(GatewayConfig config) {
        this.limit = config.maxBodySize().asLongValue();
    }

    /** Throws {@link BodyTooLargeException} for a declared length over the limit. */
    @ServerRequestFilter(preMatching = true)
    public void checkDeclaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declared(length) > limit) {
            throw new BodyTooLargeException(limit);
        }
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            // Vert.x rejects a malformed Content-Length before we run; treat any leftover as unknown
            return -1;
        }
    }
}

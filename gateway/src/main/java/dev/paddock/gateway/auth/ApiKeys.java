package dev.paddock.gateway.auth;

import dev.paddock.api.inference.v1.Priority;
import dev.paddock.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured API keys and the priority class each gives its requests by default: keys in
 * {@code paddock.gateway.api-keys} are interactive, keys in {@code paddock.gateway.batch-api-keys} batch
 * (the {@code x-paddock-priority} header still overrides it per request). Keys are compared in constant time,
 * every key every time, so timing reveals neither whether nor which key matched.
 */
@ApplicationScoped
public class ApiKeys {

    private static final String BEARER = "Bearer ";

    private record Key(byte[] bytes, Priority priority) {
    }

    private final List<Key> keys = new ArrayList<>();

    ApiKeys(GatewayConfig config) {
        add(config.apiKeys(), Priority.INTERACTIVE);
        add(config.batchApiKeys(), Priority.BATCH);
    }

    /** Whether any key is configured (with none, every request passes). */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** The presented key ({@code Authorization: Bearer <key>}), empty when the header is absent or not Bearer. */
    public static Optional<String> presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorization.substring(BEARER.length()).strip());
    }

    /** The class a configured key gives its requests; empty for a key that is not configured. */
    public Optional<Priority> classOf(String presented) {
        byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
        Priority found = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.bytes(), bytes) && found == null) {
                found = key.priority();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The default class of a request with this Authorization header: its key's, else interactive. */
    public Priority defaultFor(String authorization) {
        return presented(authorization).flatMap(this::classOf).orElse(Priority.INTERACTIVE);
    }

    private void add(Optional<List<String>> configured, Priority priority) {
        configured.orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty())
                .forEach(k -> keys.add(new Key(k.getBytes(StandardCharsets.UTF_8), priority)));
    }
}

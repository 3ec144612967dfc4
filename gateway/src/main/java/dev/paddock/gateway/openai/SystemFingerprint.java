package dev.paddock.gateway.openai;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code system_fingerprint} of every response: {@code paddock-<version>}. */
@ApplicationScoped
public class SystemFingerprint {

    private final String value;

    SystemFingerprint(@ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.value = "paddock-" + version;
    }

    public String value() {
        return value;
    }
}

package dev.paddock.eval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Settings of the eval service. */
@ConfigMapping(prefix = "paddock.eval")
public interface EvalConfig {

    /**
     * Root URL of the OpenAI-compatible gateway the evaluations call (e.g. {@code http://paddock-gateway:8080});
     * absent = this process's own HTTP port on 127.0.0.1 (the single-process server).
     */
    Optional<URI> gatewayUrl();

    /** API key sent to the gateway as a bearer token, when it requires one. */
    Optional<String> apiKey();

    /** The most one request to the gateway may take. */
    @WithDefault("5m")
    Duration requestTimeout();

    /** Runs kept per evaluation (oldest dropped first). */
    @WithDefault("100")
    int historySize();

    /** In a cluster: how often each Evaluation's status is brought up to date with its runs. */
    @WithDefault("30s")
    Duration statusResync();

    /** Bootstrap confidence intervals. */
    BootstrapConfig bootstrap();

    /** Bootstrap settings. */
    interface BootstrapConfig {

        /** Resamples drawn per model and scorer. */
        @WithDefault("1000")
        int resamples();

        /** Confidence level of the interval. */
        @WithDefault("0.95")
        double level();
    }
}

package dev.paddock.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry SDK is on exactly when someone configured an OTLP endpoint or turned it on. */
class TracingSwitchTest {

    private static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";
    private static final String TRACES_ENDPOINT = "quarkus.otel.exporter.otlp.traces.endpoint";

    @Test
    void sdkIsOffWhenNoEndpointIsConfigured() {
        assertThat(sdkDisabled(Map.of("quarkus.http.port", "8080"))).isTrue();
    }

    @Test
    void theEndpointsDefaultDoesNotCountAsConfigured() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new TracingSwitch())
                .withDefaultValue(ENDPOINT, "http://localhost:4317/")
                .withDefaultValue(TracingSwitch.SDK_DISABLED, "false").build();

        assertThat(config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class)).isTrue();
    }

    @Test
    void sdkIsOnWhenAnOtlpEndpointIsConfigured() {
        assertThat(sdkDisabled(Map.of(ENDPOINT, "http://collector:4318"))).isFalse();
        assertThat(sdkDisabled(Map.of(TRACES_ENDPOINT, "http://collector:4317"))).isFalse();
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(sdkDisabled(Map.of(ENDPOINT, "http://collector:4318", TracingSwitch.SDK_DISABLED, "true")))
                .isTrue();
        assertThat(sdkDisabled(Map.of(TracingSwitch.SDK_DISABLED, "false"))).isFalse();
    }

    private static boolean sdkDisabled(Map<String, String> configured) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new TracingSwitch())
                .withSources(new PropertiesConfigSource(configured, "application.properties", 250))
                .withDefaultValue(TracingSwitch.SDK_DISABLED, "false").build();
        return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }
}

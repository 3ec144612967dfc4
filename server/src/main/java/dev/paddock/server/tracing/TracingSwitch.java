package dev.paddock.server.tracing;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.util.List;

/**
 * Turns the OpenTelemetry SDK on only when an OTLP endpoint is configured
 * ({@code quarkus.otel.exporter.otlp.endpoint} or {@code quarkus.otel.exporter.otlp.traces.endpoint}).
 * Without one Quarkus would export to {@code localhost:4317} and log a failure for every batch of spans;
 * with the SDK off, spans are no-ops and no trace header is written. An explicit
 * {@code quarkus.otel.sdk.disabled} always wins.
 */
@Priority(Priorities.APPLICATION)
public final class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");
    /** Config sources below this ordinal hold defaults, not what someone configured. */
    private static final int CONFIGURED = 100;

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) || isConfigured(value)) {
            return value;
        }
        boolean endpoint = ENDPOINTS.stream().anyMatch(e -> isConfigured(context.proceed(e)));
        return ConfigValue.builder().withName(name).withValue(Boolean.toString(!endpoint))
                .withConfigSourceName(TracingSwitch.class.getSimpleName()).withConfigSourceOrdinal(CONFIGURED)
                .build();
    }

    private static boolean isConfigured(ConfigValue v) {
        return v != null && v.getValue() != null && !v.getValue().isBlank() && v.getConfigSourceOrdinal() >= CONFIGURED;
    }
}

package dev.paddock.server.health;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.gateway.config.GatewayConfig;
import dev.paddock.server.distributed.DistributedConfig;
import dev.paddock.server.models.ModelRegistry;
import dev.paddock.server.models.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: ready once every configured model is loaded, so a load balancer or a script
 * waits for the weights instead of collecting 503s. Each model's state is in the check's data.
 */
@Readiness
@ApplicationScoped
public class ModelsReadiness implements HealthCheck {

    private final ModelRegistry registry;
    private final InferenceService inference;
    private final DistributedConfig config;
    private final GatewayConfig gateway;

    ModelsReadiness(ModelRegistry registry, InferenceService inference, DistributedConfig config,
            GatewayConfig gateway) {
        this.registry = registry;
        this.inference = inference;
        this.config = config;
        this.gateway = gateway;
    }

    @Override
    public HealthCheckResponse call() {
        if (config.role() == DistributedConfig.Role.gateway) {
            return workersReady();
        }
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("models").status(registry.allReady());
        for (ServedModel m : registry.all()) {
            builder.withData(m.spec().name, m.state().name().toLowerCase());
        }
        return builder.build();
    }

    /**
     * In the gateway role: ready once a live worker serves every model the workers announced. With the
     * kubernetes catalog always ready: models come and go, scaled to zero they wake on requests, and the
     * gateway must take those requests (the catalog answers each as the Model's status says).
     */
    private HealthCheckResponse workersReady() {
        List<ModelInfo> models = inference.models();
        boolean cluster = gateway.catalog() == GatewayConfig.CatalogSource.kubernetes;
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("models")
                .status(cluster || !models.isEmpty() && models.stream().allMatch(ModelInfo::ready));
        models.forEach(m -> builder.withData(m.name(), m.ready() ? "ready" : "no live worker"));
        return builder.build();
    }
}

package dev.paddock.server.health;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
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

    ModelsReadiness(ModelRegistry registry, InferenceService inference, DistributedConfig config) {
        this.registry = registry;
        this.inference = inference;
        this.config = config;
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

    /** In the gateway role: ready once a live worker serves every model the workers announced. */
    private HealthCheckResponse workersReady() {
        List<ModelInfo> models = inference.models();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("models")
                .status(!models.isEmpty() && models.stream().allMatch(ModelInfo::ready));
        models.forEach(m -> builder.withData(m.name(), m.ready() ? "ready" : "no live worker"));
        return builder.build();
    }
}

package dev.paddock.server.health;

import dev.paddock.server.models.ModelRegistry;
import dev.paddock.server.models.ServedModel;
import jakarta.enterprise.context.ApplicationScoped;
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

    ModelsReadiness(ModelRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("models").status(registry.allReady());
        for (ServedModel m : registry.all()) {
            builder.withData(m.spec().name, m.state().name().toLowerCase());
        }
        return builder.build();
    }
}

package dev.paddock.server.distributed;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.gateway.routing.KafkaInferenceService;
import dev.paddock.server.LocalInferenceService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@link InferenceService} the gateway's HTTP code talks to: the in-process engines for the
 * {@code all} and {@code worker} roles, Kafka and gRPC for the {@code gateway} role.
 */
@ApplicationScoped
public class InferenceServices {

    @Produces
    @ApplicationScoped
    InferenceService inference(DistributedConfig config, Instance<LocalInferenceService> local,
            Instance<KafkaInferenceService> kafka) {
        if (config.role() != DistributedConfig.Role.gateway) {
            return local.get();
        }
        KafkaInferenceService service = kafka.get();
        try {
            service.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the gRPC reply service", e);
        }
        return service;
    }
}

package dev.paddock.server.distributed;

import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.gateway.routing.KafkaInferenceService;
import dev.paddock.server.LocalInferenceService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * The {@link InferenceService} the gateway's HTTP code talks to: the in-process engines for the
 * {@code all} and {@code worker} roles, Kafka and gRPC for the {@code gateway} role.
 */
@ApplicationScoped
public class InferenceServices {

    private static final Logger LOG = Logger.getLogger(InferenceServices.class);

    /** The gateway role opens its reply service and Kafka clients at startup, not at the first request. */
    void onStart(@Observes StartupEvent event, DistributedConfig config, InferenceService inference,
            Instance<KafkaInferenceService> kafka) {
        if (config.role() == DistributedConfig.Role.gateway) {
            inference.models();
            LOG.infof("gateway sends requests to Kafka at %s; workers reply to %s", config.bootstrapServers(),
                    kafka.get().replyTo());
        }
    }

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

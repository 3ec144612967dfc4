package dev.paddock.server.distributed;

import dev.paddock.server.LocalInferenceService;
import dev.paddock.server.models.ModelRegistry;
import dev.paddock.server.models.ServedModel;
import dev.paddock.worker.tracing.RecordTracing;
import dev.paddock.worker.transport.TransportSettings;
import dev.paddock.worker.transport.WorkerTransport;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The worker role: once every configured model is loaded, takes their requests from Kafka (as many at
 * once as each model has slots) and streams the replies to the gateways named in them.
 */
@ApplicationScoped
public class WorkerRole {

    private static final Logger LOG = Logger.getLogger(WorkerRole.class);

    @Inject
    DistributedConfig config;

    @Inject
    ModelRegistry registry;

    @Inject
    LocalInferenceService engines;

    @Inject
    TransportMetrics metrics;

    @Inject
    OpenTelemetry otel;

    private volatile WorkerTransport transport;

    void onStart(@Observes StartupEvent event) {
        if (config.role() != DistributedConfig.Role.worker) {
            return;
        }
        registry.onModelReady(this::startWhenAllReady);
        startWhenAllReady();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        WorkerTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    private synchronized void startWhenAllReady() {
        if (transport != null || !registry.allReady()) {
            return;
        }
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (ServedModel m : registry.all()) {
            slots.put(m.spec().name, m.spec().parallel);
        }
        String id = config.workerId().orElseGet(WorkerRole::defaultId);
        var settings = new TransportSettings(config.bootstrapServers(), id, config.partitions(),
                config.sessionTimeout(), config.recordLock(), config.announceEvery(), config.batchStreamInterval());
        try {
            transport = WorkerTransport.start(settings, engines, slots, new RecordTracing(otel));
            metrics.register(transport, slots.keySet());
            LOG.infof("worker %s takes requests for %s from Kafka at %s", id, slots.keySet(),
                    config.bootstrapServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf("worker cannot start its transport: %s", e.getMessage());
            Quarkus.asyncExit(2);
        }
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}

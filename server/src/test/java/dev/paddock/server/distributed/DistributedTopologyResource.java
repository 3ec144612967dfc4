package dev.paddock.server.distributed;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Lets the single-process OpenAI SDK suite run unchanged against the distributed topology: with
 * {@code -Dpaddock.it.distributed=true} (the {@code distributed} failsafe execution) the application under
 * test becomes a gateway in front of a real Kafka broker and two worker processes; without it, this does
 * nothing and the suite tests the single process.
 */
@QuarkusTestResource(DistributedTopologyResource.class)
public class DistributedTopologyResource implements QuarkusTestResourceLifecycleManager {

    /** The system property that switches the suite to the distributed topology. */
    public static final String SWITCH = "paddock.it.distributed";

    private Topology topology;

    @Override
    public Map<String, String> start() {
        if (!Boolean.getBoolean(SWITCH)) {
            return Map.of();
        }
        topology = Topology.start(2);
        return Map.of("paddock.distributed.role", "gateway", "kafka.bootstrap.servers",
                topology.broker().bootstrapServers());
    }

    @Override
    public void stop() {
        if (topology != null) {
            topology.close();
        }
    }
}

package dev.paddock.manager.reconciler;

import dev.paddock.manager.kafka.TestBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A real Kafka broker for the operator's topics and share groups ({@link TestBroker}, shared by the test JVM). */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("paddock.manager.kafka.bootstrap-servers", TestBroker.bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker outlives one Quarkus application: other test classes use it too; it stops with the JVM
    }
}

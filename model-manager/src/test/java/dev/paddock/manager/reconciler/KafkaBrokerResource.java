package dev.paddock.manager.reconciler;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** A real Kafka broker (KRaft, in the test JVM) for the operator's topics. */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = new EmbeddedKafkaBroker().withNodeId(0).withKafkaPort(freePort()).withControllerPort(freePort())
                .withDeleteLogDirsOnClose(true).start();
        return Map.of("paddock.manager.kafka.bootstrap-servers", broker.getAdvertisedListeners());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

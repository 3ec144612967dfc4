package dev.paddock.manager.kafka;

import dev.paddock.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One real Kafka broker (the version deploy/local ships, in its own JVM) for every test of this module's test
 * JVM, started on first use; its shutdown hook stops it when the test JVM exits.
 */
public final class TestBroker {

    private static KafkaBroker broker;

    private TestBroker() {
    }

    /** {@code 127.0.0.1:port} of the broker, started if it is not yet. */
    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                broker = KafkaBroker.start(Files.createTempDirectory("paddock-manager-kafka"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return broker.bootstrapServers();
    }
}

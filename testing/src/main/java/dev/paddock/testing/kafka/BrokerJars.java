package dev.paddock.testing.kafka;

import java.io.IOException;
import java.io.File;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where the broker's jars are: {@code -Dpaddock.kafka.lib}, else {@code PADDOCK_KAFKA_LIB}, else the folder the
 * build wrote into {@code kafka-broker.properties} ({@code deploy/local/target/kafka/lib}, filled by
 * {@code maven-dependency-plugin:copy-dependencies} from Maven Central).
 */
final class BrokerJars {

    static final String LIB_PROPERTY = "paddock.kafka.lib";

    private BrokerJars() {
    }

    /** The class path of the broker JVM: every broker jar plus the code that supervises it there. */
    static String classPath() {
        Path lib = libDir();
        return lib.resolve("*") + File.pathSeparator + ownLocation();
    }

    /** The folder holding the broker jars, or an error saying how to get them. */
    static Path libDir() {
        String configured = System.getProperty(LIB_PROPERTY, System.getenv("PADDOCK_KAFKA_LIB"));
        Path lib = Path.of(configured != null ? configured : builtLibDir());
        if (!Files.isRegularFile(lib.resolve("kafka_2.13-" + version(lib) + ".jar"))) {
            throw new IllegalStateException("no Kafka broker jars in " + lib
                    + ": build them with ./mvnw -pl deploy/local package (or set -D" + LIB_PROPERTY + ")");
        }
        return lib;
    }

    private static String version(Path lib) {
        try (var jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("kafka_2.13-") && n.endsWith(".jar"))
                    .map(n -> n.substring("kafka_2.13-".length(), n.length() - ".jar".length()))
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String builtLibDir() {
        try (InputStream in = BrokerJars.class.getResourceAsStream("kafka-broker.properties")) {
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("lib.dir");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path ownLocation() {
        try {
            return Path.of(BrokerProcessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

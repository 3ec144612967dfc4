package dev.paddock.testing.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * One broker's identity and files under its folder: {@code data/} (the log dirs), {@code server.properties},
 * {@code log4j2.properties}, {@code broker.log} and {@code paddock-broker.properties}, which keeps the ports and
 * the cluster id so a restart comes back on the same address with the same data.
 *
 * @param dir the broker's folder
 * @param port the client (PLAINTEXT) port on 127.0.0.1
 * @param controllerPort the KRaft controller port on 127.0.0.1
 * @param clusterId the id the data folder was formatted with
 * @param overrides broker properties that replace or add to the defaults
 */
record BrokerSettings(Path dir, int port, int controllerPort, String clusterId, Map<String, String> overrides) {

    static final String HOST = "127.0.0.1";
    private static final String STATE_FILE = "paddock-broker.properties";

    /** The settings kept in {@code dir}, or new ones; {@code port} 0 keeps the saved port or picks a free one. */
    static BrokerSettings of(Path dir, int port, Map<String, String> overrides) {
        Properties saved = load(dir.resolve(STATE_FILE));
        int chosenPort = port != 0 ? port : intOr(saved, "port", freePort());
        int controller = intOr(saved, "controller.port", 0);
        if (controller == 0 || controller == chosenPort) {
            controller = freePort();
        }
        String clusterId = saved.getProperty("cluster.id", newClusterId());
        return new BrokerSettings(dir.toAbsolutePath(), chosenPort, controller, clusterId, Map.copyOf(overrides));
    }

    /** Writes the state file, server.properties and the logging configuration. */
    void write() {
        try {
            Files.createDirectories(dataDir());
            Properties state = new Properties();
            state.setProperty("port", Integer.toString(port));
            state.setProperty("controller.port", Integer.toString(controllerPort));
            state.setProperty("cluster.id", clusterId);
            store(state, dir.resolve(STATE_FILE));
            store(serverProperties(), serverPropertiesFile());
            Files.writeString(log4jFile(), LOG4J);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code data/} was already formatted. */
    boolean formatted() {
        return Files.isRegularFile(dataDir().resolve("meta.properties"));
    }

    String bootstrapServers() {
        return HOST + ":" + port;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Path serverPropertiesFile() {
        return dir.resolve("server.properties");
    }

    Path log4jFile() {
        return dir.resolve("log4j2.properties");
    }

    Path logFile() {
        return dir.resolve("broker.log");
    }

    private Properties serverProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir().toString());
        p.putAll(SingleNodeDefaults.PROPERTIES);
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private static final String LOG4J = """
            status = warn
            # Kafka logs its own shutdown from a shutdown hook: keep log4j alive until the JVM halts
            shutdownHook = disable
            appender.out.type = Console
            appender.out.name = OUT
            appender.out.layout.type = PatternLayout
            appender.out.layout.pattern = [%d] %p %m (%c)%n
            rootLogger.level = INFO
            rootLogger.appenderRef.out.ref = OUT
            logger.state.name = state.change.logger
            logger.state.level = WARN
            """;

    private static Properties load(Path file) {
        Properties props = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                props.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return props;
    }

    private static void store(Properties props, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "written by Paddock's Kafka broker launcher");
        }
    }

    private static int intOr(Properties props, String key, int fallback) {
        String value = props.getProperty(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random id in Kafka's form (16 bytes, URL-safe base64, no padding), not starting with '-'. */
    private static String newClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}

package dev.paddock.testing.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one broker in the foreground until this JVM gets SIGTERM or Ctrl-C, then stops it gracefully; what
 * {@code deploy/local/kafka.sh run} and {@code ./paddock serve --distributed} use.
 *
 * <pre>
 * KafkaBrokerMain [--dir DIR] [--port PORT] [--set key=value]...
 * </pre>
 *
 * Prints {@code kafka: listening on 127.0.0.1:PORT (data DIR/data, log DIR/broker.log)} on standard output once
 * the broker serves clients. Exit code: 0 after a stop by signal, 2 for bad arguments, 1 when the broker
 * failed to start or died.
 */
public final class KafkaBrokerMain {

    private static volatile boolean stopping;

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("kafka: " + e.getMessage());
            System.err.println(Arguments.USAGE);
            System.exit(2);
            return;
        }
        KafkaBroker broker;
        try {
            broker = KafkaBroker.start(arguments.dir(), arguments.port(), arguments.properties());
        } catch (RuntimeException e) {
            System.err.println("kafka: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            broker.stop();
        }, "kafka-main-shutdown"));
        System.out.println("kafka: listening on " + broker.bootstrapServers() + " (data " + broker.dataDir()
                + ", log " + broker.logFile() + ")");
        int code = broker.waitFor();
        if (!stopping) {
            System.err.println("kafka: broker exited with code " + code + "; see " + broker.logFile());
            System.exit(1);
        }
    }

    /** The parsed command line. */
    record Arguments(Path dir, int port, Map<String, String> properties) {

        static final String USAGE = "usage: KafkaBrokerMain [--dir DIR] [--port PORT] [--set key=value]...";

        static Arguments parse(String[] args) {
            Path dir = Path.of(System.getProperty("user.home"), ".paddock", "kafka");
            int port = 9092;
            Map<String, String> properties = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--dir" -> dir = Path.of(required("--dir", value));
                    case "--port" -> port = port(required("--port", value));
                    case "--set" -> put(properties, required("--set", value));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            return new Arguments(dir, port, properties);
        }

        private static String required(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number from 1 to 65535, not '" + value + "'");
            }
        }

        private static void put(Map<String, String> properties, String pair) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set needs key=value, not '" + pair + "'");
            }
            properties.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
    }
}

package dev.paddock.testing.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in its own JVM process, on 127.0.0.1,
 * with its data in a folder of your choosing. Built from the Kafka jars that {@code deploy/local} copies from
 * Maven Central; see {@code deploy/local/README.md} for the version and why.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.start(tempDir)) {
 *     props.put("bootstrap.servers", broker.bootstrapServers());
 *     broker.kill();     // SIGKILL
 *     broker.restart();  // same port, same data
 * }
 * }</pre>
 *
 * The broker JVM exits by itself when this JVM dies (it watches its standard input), and a shutdown hook stops
 * it when this JVM exits normally, so no broker is ever left running. Its output goes to {@link #logFile()}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
            "-Djava.awt.headless=true");

    private final BrokerSettings settings;
    private final Thread shutdownHook = new Thread(this::destroyOnExit, "kafka-broker-shutdown");
    private Process process;
    private Thread outputPump;

    private KafkaBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Starts a broker on a free port (or the one saved in {@code dir}) and waits until it serves clients. */
    public static KafkaBroker start(Path dir) {
        return start(dir, 0, Map.of());
    }

    /**
     * Starts a broker and waits until it serves clients.
     *
     * @param dir its folder: data, configuration and log; an existing broker folder keeps its data and port
     * @param port the client port on 127.0.0.1; 0 keeps the saved one or picks a free one
     * @param brokerProperties broker properties added to or replacing the single-node defaults
     */
    public static KafkaBroker start(Path dir, int port, Map<String, String> brokerProperties) {
        KafkaBroker broker = new KafkaBroker(BrokerSettings.of(dir, port, brokerProperties));
        Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
        broker.launch();
        return broker;
    }

    /** {@code 127.0.0.1:port}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return settings.bootstrapServers();
    }

    /** The client port on 127.0.0.1. */
    public int port() {
        return settings.port();
    }

    /** The folder holding the log segments. */
    public Path dataDir() {
        return settings.dataDir();
    }

    /** The broker's output (Kafka's log), appended across restarts. */
    public Path logFile() {
        return settings.logFile();
    }

    /** The broker process's id while it runs. */
    public synchronized long pid() {
        return requireProcess().pid();
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the broker gracefully (SIGTERM: Kafka's controlled shutdown) and waits until it has exited. */
    public synchronized void stop() {
        if (isRunning()) {
            // through the handle: Process.destroy would also close the pipe and lose the shutdown's log lines
            process.toHandle().destroy();
            awaitExit();
        }
    }

    /** Kills the broker with SIGKILL (no shutdown at all) and waits until it is gone. */
    public synchronized void kill() {
        if (isRunning()) {
            process.toHandle().destroyForcibly();
            awaitExit();
        }
    }

    /** Stops the broker if it runs, then starts it again on the same port with the same data. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Blocks until the broker process exits by itself; returns its exit code. */
    public int waitFor() throws InterruptedException {
        Process running;
        synchronized (this) {
            running = requireProcess();
        }
        return running.waitFor();
    }

    /** Stops the broker; its folder is left as it is. */
    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running or ran
        }
    }

    private synchronized void launch() {
        settings.write();
        if (!settings.formatted()) {
            format();
        }
        process = startProcess(command("dev.paddock.testing.kafka.BrokerProcessMain",
                settings.serverPropertiesFile().toString()));
        BrokerOutput output = new BrokerOutput(process.getInputStream(), settings.logFile());
        outputPump = Thread.ofPlatform().daemon().name("kafka-broker-output-" + settings.port()).start(output);
        awaitReady(output);
    }

    private void format() {
        Process formatter = startProcess(command("kafka.tools.StorageTool", "format", "--ignore-formatted",
                "--cluster-id", settings.clusterId(), "--config", settings.serverPropertiesFile().toString()));
        BrokerOutput output = new BrokerOutput(formatter.getInputStream(), settings.logFile());
        output.run();
        try {
            if (formatter.waitFor() != 0) {
                throw new IllegalStateException("formatting " + settings.dataDir() + " failed; see "
                        + settings.logFile());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting " + settings.dataDir(), e);
        }
    }

    private List<String> command(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.add("-Dlog4j2.configurationFile=" + settings.log4jFile());
        command.add("-Dkafka.logs.dir=" + settings.dir());
        command.add("-cp");
        command.add(BrokerJars.classPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static Process startProcess(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
    }

    private void awaitReady(BrokerOutput output) {
        try {
            output.ready().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Kafka broker not ready after " + START_TIMEOUT + "; see "
                    + settings.logFile(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Kafka broker", e);
        }
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
            outputPump.join(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Process requireProcess() {
        if (process == null) {
            throw new IllegalStateException("the broker was never started");
        }
        return process;
    }

    private void destroyOnExit() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.toHandle().destroy();
            try {
                running.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                running.destroyForcibly();
            }
        }
    }
}

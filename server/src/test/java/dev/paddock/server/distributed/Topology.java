package dev.paddock.server.distributed;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.paddock.server.openai.ServerProcess;
import dev.paddock.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The distributed topology on 127.0.0.1, each part its own process: a real Kafka broker, workers (the
 * packaged server in the worker role) and, optionally, a gateway (the same jar in the gateway role).
 */
public final class Topology implements AutoCloseable {

    private final KafkaBroker broker;
    private final List<ServerProcess> workers = new ArrayList<>();
    private ServerProcess gateway;

    private Topology(KafkaBroker broker) {
        this.broker = broker;
    }

    /** A broker and {@code workers} workers, each serving the default models, ready to take requests. */
    public static Topology start(int workers, String... workerProperties) {
        Topology t = new Topology(KafkaBroker.start(tempDir()));
        try {
            for (int i = 0; i < workers; i++) {
                t.startWorker(workerProperties);
            }
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** Adds a worker process and waits until its models are loaded. */
    public ServerProcess startWorker(String... properties) {
        List<String> props = new ArrayList<>(List.of("paddock.distributed.role=worker",
                "kafka.bootstrap.servers=" + broker.bootstrapServers(),
                "paddock.distributed.worker-id=worker-" + (workers.size() + 1)));
        props.addAll(List.of(properties));
        ServerProcess w = startProcess(props);
        workers.add(w);
        awaitReady(w.root());
        return w;
    }

    /** Starts a gateway process and waits until it sees every model served by a live worker. */
    public ServerProcess startGateway(String... properties) {
        List<String> props = new ArrayList<>(List.of("paddock.distributed.role=gateway",
                "kafka.bootstrap.servers=" + broker.bootstrapServers()));
        props.addAll(List.of(properties));
        gateway = startProcess(props);
        awaitReady(gateway.root());
        return gateway;
    }

    public KafkaBroker broker() {
        return broker;
    }

    public List<ServerProcess> workers() {
        return workers;
    }

    public ServerProcess gateway() {
        return gateway;
    }

    /** The gateway's OpenAI base URL ({@code .../v1}). */
    public URI v1() {
        return gateway.root().resolve("/v1");
    }

    /** An OpenAI SDK client of the gateway, without retries (a test sees every failure). */
    public OpenAIClient client() {
        return OpenAIOkHttpClient.builder().baseUrl(v1().toString()).apiKey("not-checked").maxRetries(0).build();
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        workers.forEach(ServerProcess::close);
        broker.close();
    }

    private static ServerProcess startProcess(List<String> properties) {
        try {
            return ServerProcess.start(properties.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitReady(URI root) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().baseUri(root.toString()).get("/health/ready").statusCode() == 200);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("paddock-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.paddock.server.openai;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;

import dev.paddock.testing.TestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server (what {@code ./paddock serve} runs) in its own process, for settings that need a
 * separate start: the in-JVM test server cannot be restarted with other settings, because the engine's
 * native libraries stay bound to the first application's class loader.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Pattern LISTENING = Pattern.compile("Listening on: (http://[^\\s]+)");

    private final Process process;
    private final URI root;

    private ServerProcess(Process process, URI root) {
        this.process = process;
        this.root = root;
    }

    /** Starts the server with extra system properties ({@code name=value}) on a free port. */
    public static ServerProcess start(String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-Dquarkus.http.port=0",
                "-Dpaddock.server.models-dir=" + TestModels.stories260K().getParent()));
        for (String p : properties) {
            command.add("-D" + p);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ServerProcess(process, awaitListening(process));
    }

    /**
     * Starts the server with exactly this command line and these environment variables added to the
     * inherited ones (the way a container runs it).
     */
    public static ServerProcess launch(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        return new ServerProcess(process, awaitListening(process));
    }

    /**
     * A {@code paddock.server.config=<file>} property for a server that serves only TinyStories 260K with this
     * context size and slot count (a longer context lets a generation run long enough to be interrupted).
     */
    public static String storiesOnly(int contextSize, int parallel) throws IOException {
        Path config = Files.createTempFile("paddock-", ".yaml");
        Files.writeString(config, "models:\n  - name: stories260k\n    source: " + TestModels.stories260K()
                + "\n    contextSize: " + contextSize + "\n    parallel: " + parallel + "\n");
        return "paddock.server.config=" + config;
    }

    /** The server's root URL. */
    public URI root() {
        return root;
    }

    /** Waits until {@code /health/ready} answers 200: every configured model is loaded. */
    public ServerProcess awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(root.resolve("/health/ready")).build();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return this;
    }

    /** Ends the process at once, as a crash would (SIGKILL). */
    public void kill() {
        process.destroyForcibly();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
    }

    private static URI awaitListening(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // keep draining the output so that the server never blocks on a full pipe
                Thread.ofVirtual().start(() -> drain(out));
                return URI.create(m.group(1));
            }
        }
        throw new IOException("the server exited before listening:\n" + seen);
    }

    private static void drain(BufferedReader out) {
        try {
            out.lines().forEach(l -> { });
        } catch (UncheckedIOException e) {
            // the process was stopped and its output closed
        }
    }
}

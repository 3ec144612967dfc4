package dev.paddock.bench;

import dev.paddock.testing.ProcessMemory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A server process with an HTTP API (llama-server, or later Paddock's own server), started by the
 * benchmark on a free 127.0.0.1 port and driven through {@link HttpLoad}.
 */
final class HttpTarget implements Target {

    private final String name;
    private final Process process;
    private final HttpLoad load;
    private final HttpApi api;
    private final List<String> command;

    private HttpTarget(String name, Process process, HttpLoad load, HttpApi api, List<String> command) {
        this.name = name;
        this.process = process;
        this.load = load;
        this.api = api;
        this.command = command;
    }

    /**
     * Starts a server and waits until {@code healthPath} answers 200.
     *
     * @param command the command line; the string {@code {port}} is replaced by the chosen port
     */
    static HttpTarget start(String name, List<String> command, HttpApi api, String healthPath, Path log)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = command.stream().map(s -> s.replace("{port}", Integer.toString(port))).toList();
        Process p = Processes.start(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()));
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpTarget t = new HttpTarget(name, p, new HttpLoad(base), api, cmd);
        try {
            t.awaitHealthy(healthPath, log);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    private void awaitHealthy(String healthPath, Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(load.base().resolve(healthPath))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " did not become healthy in 2 minutes: " + tail(log));
    }

    /** A GET on the server (e.g. /metrics); the body. */
    String get(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        return client.send(HttpRequest.newBuilder(load.base().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LevelResult generate(int concurrency, int requests, int maxTokens) throws InterruptedException {
        return LoadRunner.run("gen", concurrency, requests, i -> {
            Sample s = load.stream(api.generateEndpoint(), api.generateBody().of(i, maxTokens), api.dialect(), i == 0);
            if (s.error() == null && s.tokens() != maxTokens) {
                return new Sample(s.ttftNanos(), s.latencyNanos(), s.tokens(), s.streamNanos(), s.serverPerTokenMs(),
                        s.text(), "generated " + s.tokens() + " tokens, not " + maxTokens);
            }
            return s;
        });
    }

    @Override
    public LevelResult embed(int concurrency, int requests) throws InterruptedException {
        return LoadRunner.run("embed", concurrency, requests,
                i -> load.call(api.embedEndpoint(), api.embedBody().of(i), api.embedMarker()));
    }

    @Override
    public long peakRssBytes() {
        return ProcessMemory.peakRssBytes(process.pid());
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String describe() {
        return String.join(" ", command);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }
}

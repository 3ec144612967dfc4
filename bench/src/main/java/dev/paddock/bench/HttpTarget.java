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
import java.util.Map;

/**
 * A server process with an HTTP API (llama-server, Paddock's own server, or the launcher of the distributed
 * topology, see {@link DistributedTarget}), started by the
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
        return start(name, command, Map.of(), api, healthPath, log);
    }

    /** The same with more environment variables for the server process. */
    static HttpTarget start(String name, List<String> command, Map<String, String> environment, HttpApi api,
            String healthPath, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = command.stream().map(s -> s.replace("{port}", Integer.toString(port))).toList();
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process p = Processes.start(builder);
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        HttpTarget t = new HttpTarget(name, p, new HttpLoad(base), api, cmd);
        try {
            t.awaitHealthy(base, healthPath, log);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /**
     * Waits until {@code healthPath} on {@code base} (this server, or another process it started) answers 200;
     * fails when this server's process exits first or after 2 minutes.
     */
    void awaitHealthy(URI base, String healthPath, Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ": " + tail(log));
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(healthPath))
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

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The server's base URL. */
    URI base() {
        return load.base();
    }

    /** The server process. */
    Process process() {
        return process;
    }

    @Override
    public LevelResult generate(int concurrency, int requests, int maxTokens) throws InterruptedException {
        return LoadRunner.run("gen", concurrency, requests, i -> generateOne(i, maxTokens, ""));
    }

    /**
     * One streaming generation request; an answer with another number of tokens than asked counts as failed.
     *
     * @param headers more request headers (complete lines ending in CRLF), or ""
     */
    Sample generateOne(int index, int maxTokens, String headers) throws IOException {
        Sample s = load.stream(api.generateEndpoint(), headers, api.generateBody().of(index, maxTokens), api.dialect(),
                index == 0);
        if (s.error() == null && s.tokens() != maxTokens) {
            return new Sample(s.ttftNanos(), s.latencyNanos(), s.tokens(), s.streamNanos(), s.serverPerTokenMs(),
                    s.text(), "generated " + s.tokens() + " tokens, not " + maxTokens);
        }
        return s;
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

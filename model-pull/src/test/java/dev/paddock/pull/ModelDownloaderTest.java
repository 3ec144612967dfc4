package dev.paddock.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server on the loopback interface. */
class ModelDownloaderTest {

    private final byte[] body = new byte[300_000];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI url;

    @TempDir
    Path cache;

    @BeforeEach
    void start() throws IOException {
        new Random(1).nextBytes(body);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/model.gguf", this::serve);
        server.createContext("/missing.gguf", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/model.gguf");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        if (range != null) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, body.length - from);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body, from, body.length - from);
        }
    }

    private String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void downloadsVerifiesAndRenamesIntoPlace() throws Exception {
        ModelDownloader d = new ModelDownloader(cache, null);
        Path file = d.fetch(url, sha(body), null);
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
        assertThat(file.getParent()).isEqualTo(cache);
        assertThat(cache.resolve(file.getFileName() + ".part")).doesNotExist();
        // a second fetch uses the cache
        assertThat(d.fetch(url, sha(body), null)).isEqualTo(file);
        assertThat(ranges).hasSize(1);
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws Exception {
        ModelDownloader d = new ModelDownloader(cache, null);
        Path target = d.target(url, sha(body));
        Files.write(target.resolveSibling(target.getFileName() + ".part"), Arrays.copyOf(body, 100_000));
        AtomicLong received = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Path file = d.fetch(url, sha(body), new ModelDownloader.Consumer() {
            @Override
            public void bytes(long soFar, long total) {
                done.set(soFar);
            }

            @Override
            public void received(long bytes) {
                received.addAndGet(bytes);
            }
        });
        assertThat(ranges).containsExactly("bytes=100000-");
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
        assertThat(received).as("only what this attempt fetched").hasValue(body.length - 100_000L);
        assertThat(done).hasValue(body.length);
    }

    @Test
    void wrongDigestIsRejectedAndNothingIsKept() throws Exception {
        ModelDownloader d = new ModelDownloader(cache, null);
        String wrong = "0".repeat(64);
        assertThatThrownBy(() -> d.fetch(url, wrong, null)).isInstanceOf(IOException.class)
                .hasMessageContaining("sha256").hasMessageContaining(wrong);
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void httpErrorIsReportedWithItsStatusAndTheUrlWithoutQueryOrUserInfo() {
        ModelDownloader d = new ModelDownloader(cache, null);
        URI missing = URI.create("http://user:pw@127.0.0.1:" + server.getAddress().getPort()
                + "/missing.gguf?token=s3cret");
        assertThatThrownBy(() -> d.fetch(missing, null, null)).isInstanceOfSatisfying(HttpStatusException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.clientError()).isTrue();
            assertThat(e.getMessage()).isEqualTo("GET http://127.0.0.1:" + server.getAddress().getPort()
                    + "/missing.gguf answered HTTP 404");
        });
    }

    @Test
    void requestTimeoutAndTooManyRequestsAreNoClientErrors() {
        URI at = URI.create("https://h.example/x.gguf");
        assertThat(new HttpStatusException(at, at, 408).clientError()).isFalse();
        assertThat(new HttpStatusException(at, at, 429).clientError()).isFalse();
        assertThat(new HttpStatusException(at, at, 503).clientError()).isFalse();
        assertThat(new HttpStatusException(at, at, 401).clientError()).isTrue();
        assertThat(new HttpStatusException(at, at, 410).clientError()).isTrue();
    }
}

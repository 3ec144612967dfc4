package dev.paddock.manager.puller;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paddock.pull.ModelDownloader;
import dev.paddock.testing.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The puller against a real HTTP server on 127.0.0.1 serving the real GGUF test model. */
class PullerMainTest {

    private static final String TOKEN = "hf_test_token";

    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final AtomicBoolean cutFirst = new AtomicBoolean();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private byte[] weights;
    private String sha;
    private HttpServer server;
    private String base;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        Path model = TestModels.stories260K();
        weights = Files.readAllBytes(model);
        sha = ModelDownloader.sha256(model);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/stories.gguf", this::serve);
        server.createContext("/owner/tiny/resolve/v1/stories.gguf", this::serveWithToken);
        server.createContext("/owner/gated/resolve/main/stories.gguf", ex -> answer(ex, 403));
        server.createContext("/missing/", ex -> answer(ex, 404));
        server.createContext("/busy/", ex -> answer(ex, 429));
        server.createContext("/slow/", ex -> answer(ex, 408));
        server.createContext("/signed/", ex -> {
            ex.getResponseHeaders().add("Location", "/cdn/stories.gguf?X-Signature=sig-s3cret&Expires=1");
            answer(ex, 302);
        });
        server.createContext("/cdn/", ex -> answer(ex, 403));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void pullsVerifiesAndReportsTheResult() throws IOException {
        Path dest = dir.resolve("cache/weights.gguf");
        Path result = dir.resolve("result.json");
        int exit = pull("--source", base + "/files/stories.gguf", "--sha256", sha, "--dest", dest.toString(),
                "--result", result.toString(), "--allow-private");
        assertThat(exit).as(log.toString()).isZero();
        assertThat(Files.readAllBytes(dest)).isEqualTo(weights);
        assertThat(Files.readString(result)).contains("\"sha256\":\"" + sha + "\"")
                .contains("\"bytes\":" + weights.length);
        assertThat(PullProgress.last(log.toString())).isEqualTo(new PullProgress(weights.length, weights.length));
    }

    @Test
    void resumesAfterTheConnectionIsCut() throws IOException {
        cutFirst.set(true);
        Path dest = dir.resolve("weights.gguf");
        Path result = dir.resolve("result.json");
        String[] args = {"--source", base + "/files/stories.gguf", "--sha256", sha, "--dest", dest.toString(),
            "--allow-host", "127.0.0.1", "--allow-private", "--result", result.toString()};
        assertThat(pull(args)).isEqualTo(1);
        // a cut connection is worth another try: the operator retries it (and the retry resumes the .part file)
        assertThat(Files.readString(result)).contains("\"failure\":\"Transient\"");
        Path part = dir.resolve("weights.gguf.part");
        assertThat(part).exists();
        long have = Files.size(part);
        assertThat(have).isPositive().isLessThan(weights.length);
        assertThat(pull(args)).as(log.toString()).isZero();
        assertThat(ranges).containsExactly("null", "bytes=" + have + "-");
        assertThat(Files.readAllBytes(dest)).isEqualTo(weights);
        assertThat(part).doesNotExist();
    }

    @Test
    void checksumMismatchLeavesNoFileAndReportsTheError() throws IOException {
        Path result = dir.resolve("result.json");
        Path cache = Files.createDirectories(dir.resolve("cache"));
        int exit = pull("--source", base + "/files/stories.gguf", "--sha256", "0".repeat(64), "--dest",
                cache.resolve("weights.gguf").toString(), "--result", result.toString(), "--allow-private");
        assertThat(exit).isEqualTo(1);
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).isEmpty();
        }
        assertThat(Files.readString(result)).contains("\"error\"").contains("sha256").contains(sha)
                .contains("\"failure\":\"Checksum\"");
    }

    @Test
    void refusesLoopbackUnlessPrivateAddressesAreAllowed() throws IOException {
        Path result = dir.resolve("result.json");
        Path dest = dir.resolve("weights.gguf");
        // https: plain http is itself refused without --allow-private; the address is refused before any connection
        int exit = pull("--source", "https://127.0.0.1:" + server.getAddress().getPort() + "/files/stories.gguf",
                "--dest", dest.toString(), "--result", result.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(Files.readString(result)).contains("private address 127.0.0.1")
                .contains("\"failure\":\"Refused\"");
        assertThat(ranges).isEmpty();
        assertThat(dest).doesNotExist();
    }

    @Test
    void refusesHostsOutsideTheAllowlist() throws IOException {
        Path result = dir.resolve("result.json");
        int exit = pull("--source", base + "/files/stories.gguf", "--dest", dir.resolve("w.gguf").toString(),
                "--allow-host", "*.example.org", "--allow-private", "--result", result.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(log.toString()).contains("not in the allowed hosts");
        assertThat(Files.readString(result)).contains("\"failure\":\"Refused\"");
        assertThat(ranges).isEmpty();
    }

    @Test
    void notFoundIsAClientErrorNamingTheStatusAndTheUrlWithoutItsQuery() throws IOException {
        Path result = dir.resolve("result.json");
        Path dest = dir.resolve("weights.gguf");
        assertThat(pull("--source", base + "/missing/stories.gguf?token=s3cret", "--dest", dest.toString(),
                "--result", result.toString(), "--allow-private")).isEqualTo(1);
        assertThat(error(result)).isEqualTo("GET " + base + "/missing/stories.gguf answered HTTP 404");
        assertThat(Files.readString(result)).contains("\"failure\":\"ClientError\"");
        assertThat(Files.readString(result) + log).doesNotContain("s3cret");
        assertThat(dest).doesNotExist();
    }

    @Test
    void forbiddenIsAClientErrorAndTheTokenStaysOutOfTheResult() throws IOException {
        Path result = dir.resolve("result.json");
        String[] args = {"--hf-repo", "owner/gated", "--hf-file", "stories.gguf", "--hf-base-url", base, "--dest",
            dir.resolve("weights.gguf").toString(), "--result", result.toString(), "--allow-private"};
        assertThat(PullerMain.run(args, Map.of("HF_TOKEN", "hf_bad_token"), new PrintStream(log))).isEqualTo(1);
        assertThat(error(result)).isEqualTo("GET " + base + "/owner/gated/resolve/main/stories.gguf answered HTTP 403");
        assertThat(Files.readString(result)).contains("\"failure\":\"ClientError\"");
        assertThat(Files.readString(result) + log).doesNotContain("hf_bad_token");
        // a signed URL a redirect leads to: both URLs named, the signature in neither
        assertThat(pull("--source", base + "/signed/stories.gguf", "--dest", dir.resolve("w.gguf").toString(),
                "--result", result.toString(), "--allow-private")).isEqualTo(1);
        assertThat(error(result)).isEqualTo("GET " + base + "/signed/stories.gguf answered HTTP 403 (at " + base
                + "/cdn/stories.gguf)");
        assertThat(Files.readString(result)).contains("\"failure\":\"ClientError\"").doesNotContain("s3cret");
    }

    @Test
    void tooManyRequestsAndRequestTimeoutStayTransient() throws IOException {
        Path result = dir.resolve("result.json");
        for (String path : List.of("/busy/", "/slow/")) {
            assertThat(pull("--source", base + path + "stories.gguf", "--dest", dir.resolve("w.gguf").toString(),
                    "--result", result.toString(), "--allow-private")).isEqualTo(1);
            assertThat(error(result)).isEqualTo("GET " + base + path + "stories.gguf answered HTTP "
                    + (path.equals("/busy/") ? 429 : 408));
            assertThat(Files.readString(result)).contains("\"failure\":\"Transient\"");
        }
    }

    @Test
    void aResultWithoutAFailureKindIsClassifiedFromItsMessage() {
        // a termination message from an older puller, or the log tail of one that wrote no result
        assertThat(PullerMain.failure("GET https://h.example/x.gguf answered HTTP 404")).isEqualTo("ClientError");
        assertThat(PullerMain.failure("GET https://h.example/x.gguf answered HTTP 429")).isEqualTo("Transient");
        assertThat(PullerMain.failure("GET https://h.example/x.gguf answered HTTP 503")).isEqualTo("Transient");
    }

    @Test
    void pullsFromTheHuggingFaceLayoutWithTheToken() throws IOException {
        Path dest = dir.resolve("weights.gguf");
        String[] args = {"--hf-repo", "owner/tiny", "--hf-file", "stories.gguf", "--hf-revision", "v1",
            "--hf-base-url", base, "--sha256", sha, "--dest", dest.toString(), "--allow-private"};
        assertThat(PullerMain.run(args, Map.of(), new PrintStream(log))).isEqualTo(1);
        assertThat(log.toString()).contains("HTTP 401");
        assertThat(PullerMain.run(args, Map.of("HF_TOKEN", TOKEN), new PrintStream(log))).as(log.toString()).isZero();
        assertThat(auth).containsExactly("null", "Bearer " + TOKEN);
        assertThat(Files.readAllBytes(dest)).isEqualTo(weights);
    }

    @Test
    void copiesFromAMountedVolume() throws IOException {
        Path dest = dir.resolve("out/weights.gguf");
        int exit = pull("--file", TestModels.stories260K().toString(), "--sha256", sha, "--dest", dest.toString());
        assertThat(exit).as(log.toString()).isZero();
        assertThat(Files.readAllBytes(dest)).isEqualTo(weights);
    }

    @Test
    void refusesAFileUrlOrAPathAsTheSource() throws IOException {
        Path result = dir.resolve("result.json");
        Path dest = dir.resolve("weights.gguf");
        String file = TestModels.stories260K().toUri().toString();
        assertThat(file).startsWith("file:/");
        // even with private addresses allowed: a source is downloaded, never read from the puller's own disk
        int exit = pull("--source", file, "--sha256", sha, "--dest", dest.toString(), "--result", result.toString(),
                "--allow-private");
        assertThat(exit).isEqualTo(1);
        assertThat(log.toString()).contains("puller: source " + file + " is not allowed: the scheme must be https")
                .contains("not file:");
        assertThat(Files.readString(result)).contains("\"error\"").contains("not allowed")
                .contains("\"failure\":\"Refused\"");
        assertThat(dest).doesNotExist();
        assertThat(dir.resolve("weights.gguf.part")).doesNotExist();
        assertThat(pull("--source", TestModels.stories260K().toString(), "--dest", dest.toString(),
                "--allow-private")).isEqualTo(1);
        assertThat(log.toString()).contains("not a file path");
        assertThat(dest).doesNotExist();
    }

    @Test
    void refusesPlainHttpUnlessPrivateAddressesAreAllowed() {
        Path dest = dir.resolve("weights.gguf");
        assertThat(pull("--source", base + "/files/stories.gguf", "--sha256", sha, "--dest", dest.toString()))
                .isEqualTo(1);
        assertThat(log.toString()).contains("the scheme must be https (plain http only where private addresses are"
                + " allowed), not http:");
        assertThat(ranges).isEmpty();
        assertThat(dest).doesNotExist();
    }

    @Test
    void removeEmptiesTheModelFolder() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.writeString(Files.createDirectories(folder.resolve("sub")).resolve("a.gguf"), "x");
        Files.writeString(folder.resolve("weights.gguf.part"), "y");
        assertThat(pull("--remove", folder.toString())).isZero();
        try (var files = Files.list(folder)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void removeOfAFileTakesItAndItsPartOnly() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.writeString(folder.resolve("weights-old.gguf"), "old");
        Files.writeString(folder.resolve("weights-old.gguf.part"), "o");
        Files.writeString(folder.resolve("weights-new.gguf"), "new");
        Files.writeString(folder.resolve("weights-new.gguf.part"), "n");
        assertThat(pull("--remove", folder.resolve("weights-old.gguf").toString())).isZero();
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder("weights-new.gguf", "weights-new.gguf.part");
        }
        // removed already (a Job's pod run again): nothing to do, no failure
        assertThat(pull("--remove", folder.resolve("weights-old.gguf").toString())).isZero();
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(pull("--dest", "x")).isEqualTo(2);
        assertThat(log.toString()).contains("exactly one of --source, --hf-repo or --file");
        assertThat(pull("--source", "https://h/x", "--dest", "x", "--sha256", "abc")).isEqualTo(2);
    }

    private static String error(Path result) throws IOException {
        return new ObjectMapper().readTree(Files.readString(result)).get("error").asText();
    }

    private static void answer(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private int pull(String... args) {
        return PullerMain.run(args, Map.of(), new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    private void serve(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        if (range != null) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (weights.length - 1) + "/" + weights.length);
        }
        ex.sendResponseHeaders(range == null ? 200 : 206, weights.length - from);
        OutputStream out = ex.getResponseBody();
        if (cutFirst.getAndSet(false)) {
            out.write(weights, from, (weights.length - from) / 3);
            out.flush();
            // a handler that throws makes the server drop the connection mid-body
            throw new IOException("cut by the test");
        }
        out.write(weights, from, weights.length - from);
        out.close();
    }

    private void serveWithToken(HttpExchange ex) throws IOException {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        auth.add(String.valueOf(header));
        if (!("Bearer " + TOKEN).equals(header)) {
            ex.sendResponseHeaders(401, -1);
            ex.close();
            return;
        }
        serve(ex);
    }
}

package dev.paddock.server.openai;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.paddock.testing.TestModels;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose weights are still downloading answers 503 {@code model_loading} with Retry-After and
 * keeps {@code /health/ready} down, while the other models serve; once the download completes the
 * model serves. The weights come from a local https server that holds the download half way;
 * {@code paddock_model_pull_bytes_total} on {@code /metrics} counts the bytes received so far.
 */
class ModelLoadingIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    /** Bytes the weights server sends before it holds the download. */
    private static final int HELD = 1024;

    @TempDir
    static Path dir;

    private static final CountDownLatch release = new CountDownLatch(1);
    private static HttpsServer weights;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path stories = TestModels.stories260K();
        Path keystore = selfSignedKeystore();
        weights = heldWeightsServer(keystore, Files.readAllBytes(stories));
        String url = "https://127.0.0.1:" + weights.getAddress().getPort() + "/stories.gguf";
        Path config = Files.writeString(dir.resolve("paddock.yaml"), """
                models:
                  - name: local-stories
                    source: %s
                  - name: downloaded-stories
                    source: %s
                    sha256: %s
                """.formatted(stories, url, sha256(stories)));
        server = ServerProcess.start("paddock.server.config=" + config,
                "paddock.server.model-cache=" + dir.resolve("cache"),
                "javax.net.ssl.trustStore=" + trustStore(keystore),
                "javax.net.ssl.trustStorePassword=changeit");
    }

    @AfterAll
    static void stop() {
        release.countDown();
        server.close();
        weights.stop(0);
    }

    @Test
    void modelStillDownloadingAnswers503UntilItIsReady() throws IOException {
        String root = server.root().toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> completion(root, "local-stories") == 200);

        given().baseUri(root).contentType("application/json").body(body("downloaded-stories"))
                .post("/v1/completions").then().statusCode(503).header("Retry-After", notNullValue())
                .body("error.code", equalTo("model_loading")).body("error.type", equalTo("server_error"));
        given().baseUri(root).get("/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'models' }.data.'downloaded-stories'", equalTo("loading"))
                .body("checks.find { it.name == 'models' }.data.'local-stories'", equalTo("ready"));
        await().atMost(Duration.ofSeconds(30)).until(() -> pulledBytes(root, "downloaded-stories") == HELD);
        assertThat(pulledBytes(root, "local-stories")).as("a local file is not pulled").isEqualTo(-1);

        release.countDown();

        await().atMost(Duration.ofSeconds(60)).until(() -> completion(root, "downloaded-stories") == 200);
        given().baseUri(root).get("/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(pulledBytes(root, "downloaded-stories")).isEqualTo(Files.size(TestModels.stories260K()));
    }

    /** The server's {@code paddock_model_pull_bytes_total} of a model, -1 when it has no such series. */
    private static long pulledBytes(String root, String model) {
        String text = given().baseUri(root).accept("text/plain; version=0.0.4").get("/metrics").then()
                .statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^paddock_model_pull_bytes_total\\{(?=[^}]*model=\"" + Pattern.quote(model)
                + "\")[^}]*\\} (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    private static int completion(String root, String model) {
        return given().baseUri(root).contentType("application/json").body(body(model)).post("/v1/completions")
                .statusCode();
    }

    private static String body(String model) {
        return "{\"model\":\"" + model + "\",\"prompt\":\"Once\",\"max_tokens\":2}";
    }

    /** Serves the file, but stops after the first {@link #HELD} bytes until the test releases it. */
    private static HttpsServer heldWeightsServer(Path keystore, byte[] file) throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(sslContext(keystore)));
        https.createContext("/stories.gguf", exchange -> serveHeld(exchange, file));
        https.start();
        return https;
    }

    private static void serveHeld(HttpExchange exchange, byte[] file) throws IOException {
        exchange.sendResponseHeaders(200, file.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file, 0, HELD);
            out.flush();
            if (!release.await(120, TimeUnit.SECONDS)) {
                return;
            }
            out.write(file, HELD, file.length - HELD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext sslContext(Path keystore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    private static Path selfSignedKeystore() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "weights", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        return keystore;
    }

    private static Path trustStore(Path keystore) throws Exception {
        Path cert = dir.resolve("server.crt");
        Path trust = dir.resolve("trust.p12");
        keytool("-exportcert", "-alias", "weights", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "weights", "-file", cert.toString(), "-keystore",
                trust.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        return trust;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}

package dev.paddock.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.paddock.api.eval.v1alpha1.DatasetItem;
import dev.paddock.api.eval.v1alpha1.DatasetSpec;
import dev.paddock.api.eval.v1alpha1.ScorerSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL datasets fetched over real TLS from a loopback server with a self-signed certificate made by keytool. */
class DatasetOverHttpsIT {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Map<String, String> PAGES = Map.of(
            "/qa.jsonl", "{\"prompt\": \"Once\", \"expected\": \"upon\"}\n\n{\"prompt\": \"a\", \"expected\": \"time\"}\n",
            "/bad.jsonl", "{\"prompt\": \"Once\", \"expected\": \"upon\"}\nnot json\n");

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static KeyStore trust;

    @BeforeAll
    static void serve() throws Exception {
        KeyStore keys = selfSignedKeyStore(dir.resolve("server.p12"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/", exchange -> {
            String page = PAGES.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "no such dataset" : page).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        Certificate cert = keys.getCertificate("paddock");
        trust.setCertificateEntry("paddock", cert);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static KeyStore selfSignedKeyStore(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "paddock", "-keyalg", "EC",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static HttpClient trustingOnlyTheTestCertificate() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private static DatasetSpec url(String path) {
        DatasetSpec spec = new DatasetSpec();
        spec.url = "https://127.0.0.1:" + server.getAddress().getPort() + path;
        return spec;
    }

    private static List<ScorerSpec> exactMatch() {
        ScorerSpec s = new ScorerSpec();
        s.type = ScorerSpec.Type.exact_match;
        return List.of(s);
    }

    @Test
    void readsAJsonlDatasetServedOverHttps() throws Exception {
        DatasetLoader loader = new DatasetLoader(dir, ConfigMapSource.NONE, trustingOnlyTheTestCertificate());

        List<DatasetItem> items = loader.load(url("/qa.jsonl"), exactMatch());

        assertThat(items).extracting(i -> i.prompt).containsExactly("Once", "a");
        assertThat(items).extracting(i -> i.expected).containsExactly("upon", "time");
    }

    @Test
    void refusesAServerWhoseCertificateIsNotTrusted() {
        DatasetSpec spec = url("/qa.jsonl");

        assertThatThrownBy(() -> new DatasetLoader(dir, ConfigMapSource.NONE).load(spec, exactMatch()))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(spec.url + ": cannot fetch:")
                .hasMessageContaining("SSLHandshakeException");
    }

    @Test
    void aMissingDatasetIsAnHttp404NamingTheUrl() throws Exception {
        DatasetSpec spec = url("/missing.jsonl");
        DatasetLoader loader = new DatasetLoader(dir, ConfigMapSource.NONE, trustingOnlyTheTestCertificate());

        assertThatThrownBy(() -> loader.load(spec, exactMatch()))
                .isInstanceOf(DatasetException.class)
                .hasMessage(spec.url + ": HTTP 404");
    }

    @Test
    void anUnparseableLineIsReportedWithTheUrlAndLineNumber() throws Exception {
        DatasetSpec spec = url("/bad.jsonl");
        DatasetLoader loader = new DatasetLoader(dir, ConfigMapSource.NONE, trustingOnlyTheTestCertificate());

        assertThatThrownBy(() -> loader.load(spec, exactMatch()))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(spec.url + ":")
                .hasMessageContaining("line 2: not a JSON object");
    }
}

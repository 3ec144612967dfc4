package dev.paddock.manager.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache.Phase;
import dev.paddock.manager.placement.FakeNodes;
import dev.paddock.manager.puller.PullerMain;
import dev.paddock.pull.ModelDownloader;
import dev.paddock.testing.TestModels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live pull progress: the real {@link PullerMain}, run with the arguments of the pull Job the operator
 * made, downloads the real GGUF from a loopback HTTP server that sends it in thirds, each held back
 * until the test has seen the previous one in the Model's status. The puller's log is served by the
 * mock API server as the kubelet serves a running container's log. The operator's
 * {@code paddock_model_pull_bytes_total}, read from its own {@code /q/metrics}, follows the same bytes.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
class PullProgressTest {

    /** JOSDK's count of the Model controller's reconciles started (its micrometer metrics, V2 names). */
    private static final Pattern RECONCILES = Pattern.compile(
            "^reconciliations_started_total\\{controller_name=\"model\",?\\} (\\S+)$", Pattern.MULTILINE);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer apiServer;

    @Inject
    PullBytes pullBytes;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @TempDir
    Path dir;

    private final CountDownLatch firstSeen = new CountDownLatch(1);
    private final CountDownLatch secondSeen = new CountDownLatch(1);
    private final ByteArrayOutputStream pullerLog = new ByteArrayOutputStream();
    private byte[] weights;
    private HttpServer http;

    @BeforeEach
    void serveTheModelInThirds() throws IOException {
        weights = Files.readAllBytes(TestModels.stories260K());
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/stories.gguf", this::serveInThirds);
        http.start();
    }

    @AfterEach
    void stop() {
        firstSeen.countDown();
        secondSeen.countDown();
        http.stop(0);
    }

    @Test
    void bytesDoneAndTotalMoveInTheStatusWhileThePullerDownloads() throws Exception {
        client.resource(FakeNodes.dedicated("progress-1", "progress")).createOr(r -> r.update());
        client.resource(model()).create();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(pullJob()).isNotNull());
        Job job = pullJob();
        Pod pod = runningPodOf(job);
        String logPath = "/api/v1/namespaces/" + ns() + "/pods/" + pod.getMetadata().getName()
                + "/log?pretty=false&container=puller&tailLines=20";
        apiServer.expect().get().withPath(logPath).andReply(200, r -> pullerLog.toString(StandardCharsets.UTF_8))
                .always();

        CompletableFuture<Integer> puller = CompletableFuture.supplyAsync(() -> PullerMain.run(args(job), Map.of(),
                new PrintStream(pullerLog, true, StandardCharsets.UTF_8)));

        int third = weights.length / 3;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(node()).satisfies(n -> {
            assertThat(n.phase).isEqualTo(Phase.Pulling);
            assertThat(n.bytes).isEqualTo(third);
            assertThat(n.totalBytes).isEqualTo(weights.length);
        }));
        assertThat(pulledBytes()).isEqualTo(third);
        firstSeen.countDown();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(node().bytes).isEqualTo(2L * third));
        assertThat(condition(ModelStatus.CACHED).getReason()).isEqualTo("Pulling");
        assertThat(pulledBytes()).isEqualTo(2L * third);
        assertThat(pullBytes.tracks(job.getMetadata().getUid())).isTrue();
        secondSeen.countDown();
        assertThat(puller.get(30, TimeUnit.SECONDS)).as(pullerLog.toString(StandardCharsets.UTF_8)).isZero();

        finish(job, pod, Files.readString(dir.resolve("termination-log")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(condition(ModelStatus.CACHED).getStatus()).isEqualTo("True");
            assertThat(node().bytes).isEqualTo(weights.length);
            assertThat(node().totalBytes).isEqualTo(weights.length);
            assertThat(node().sha256).isEqualTo(ModelDownloader.sha256(TestModels.stories260K()));
        });
        assertThat(pulledBytes()).isEqualTo(weights.length);
        assertThat(pullBytes.tracks(job.getMetadata().getUid())).as("forgotten once the Job finished").isFalse();

        // more reconciles (resync every second, counted by JOSDK's own metric) add nothing
        double reconciles = metric(RECONCILES);
        await().atMost(Duration.ofSeconds(30)).until(() -> metric(RECONCILES) >= reconciles + 2);
        assertThat(pulledBytes()).isEqualTo(weights.length);
    }

    /** The operator's {@code paddock_model_pull_bytes_total} of this model and node, 0 when not there yet. */
    private long pulledBytes() throws IOException, InterruptedException {
        Pattern series = Pattern.compile("^paddock_model_pull_bytes_total\\{(?=[^}]*model=\"progress\")"
                + "(?=[^}]*node=\"progress-1\")(?=[^}]*namespace=\"" + ns() + "\")[^}]*\\} (\\S+)$",
                Pattern.MULTILINE);
        return (long) metric(series);
    }

    /** The sum of the series a pattern matches in the operator's Prometheus text (0 when none). */
    private double metric(Pattern series) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(metrics).header("Accept", "text/plain; version=0.0.4").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).isEqualTo(200);
        double sum = 0;
        for (Matcher m = series.matcher(response.body()); m.find();) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    /** The Job's own arguments, with the node cache and the termination-message file moved into a temp folder. */
    private String[] args(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().stream()
                .map(a -> a.replace("/dev/termination-log", dir.resolve("termination-log").toString())
                        .replaceFirst("^/cache/", dir.resolve("cache").toString() + "/"))
                .toArray(String[]::new);
    }

    /** What the Job controller and kubelet do when a pull starts: a running pod, the Job active. */
    private Pod runningPodOf(Job job) {
        Pod pod = client.resource(new PodBuilder().withNewMetadata().withName(job.getMetadata().getName() + "-p0")
                .withNamespace(ns()).addToLabels("job-name", job.getMetadata().getName()).endMetadata()
                .withNewSpec().withNodeName("progress-1").addNewContainer().withName("puller").withImage("p")
                .endContainer().endSpec().build()).create();
        client.pods().inNamespace(ns()).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p)
                .withNewStatus().withPhase("Running").endStatus().build());
        JobController.started(client, job);
        return pod;
    }

    /** What the kubelet and Job controller do when the puller exits 0: termination message, Job complete. */
    private void finish(Job job, Pod pod, String terminationMessage) {
        client.pods().inNamespace(ns()).withName(pod.getMetadata().getName()).editStatus(p -> new PodBuilder(p)
                .withNewStatus().withPhase("Succeeded").addNewContainerStatus().withName("puller").withNewState()
                .withNewTerminated().withExitCode(0).withMessage(terminationMessage).endTerminated().endState()
                .endContainerStatus().endStatus().build());
        JobController.completed(client, job);
    }

    private void serveInThirds(HttpExchange ex) throws IOException {
        int third = weights.length / 3;
        ex.sendResponseHeaders(200, weights.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(weights, 0, third);
            out.flush();
            holdUntil(firstSeen);
            out.write(weights, third, third);
            out.flush();
            holdUntil(secondSeen);
            out.write(weights, 2 * third, weights.length - 2 * third);
        }
    }

    /** Holds the response until the test saw the part sent so far. */
    private static void holdUntil(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IOException("the test never saw the progress");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private Job pullJob() {
        return client.batch().v1().jobs().inNamespace(ns()).withLabel("paddock.dev/model", "progress")
                .withLabel("paddock.dev/component", "pull").list().getItems().stream().findFirst().orElse(null);
    }

    private NodeCache node() {
        Model m = client.resources(Model.class).inNamespace(ns()).withName("progress").get();
        assertThat(m.getStatus()).isNotNull();
        assertThat(m.getStatus().nodes).hasSize(1);
        return m.getStatus().nodes.getFirst();
    }

    private Condition condition(String type) {
        return client.resources(Model.class).inNamespace(ns()).withName("progress").get().getStatus().condition(type);
    }

    private String ns() {
        return client.getNamespace();
    }

    private Model model() {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName("progress").withNamespace(ns()).build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.source = "http://127.0.0.1:" + http.getAddress().getPort() + "/stories.gguf";
        FakeNodes.onDedicated(spec, "progress");
        m.setSpec(spec);
        return m;
    }
}

package dev.paddock.manager.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import com.sun.net.httpserver.HttpServer;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.pull.ModelDownloader;
import dev.paddock.testing.TestModels;
import dev.paddock.testing.kafka.KafkaBroker;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The operator on a real cluster: k3s in a container, the model-manager image built from
 * src/main/docker/Dockerfile and imported into k3s, the chart (helm/paddock) installed with only the
 * operator, so it runs in the cluster under the chart's ServiceAccount and least-privilege ClusterRole.
 * A Model whose weights come from an HTTP server on this machine (reachable from the cluster through
 * Testcontainers' host port forwarding) is pulled by a real pull Job running the real puller, and
 * becomes Cached and Ready (scaled to zero: no worker image is needed). The Kafka broker (deploy/local's) runs
 * on this machine, advertised at the forwarded address. Needs a container engine; skipped without one (as in the
 * build environment, which has none).
 */
@Testcontainers(disabledWithoutDocker = true)
class ModelOnK3sIT {

    private static final String IMAGE = "paddock/model-manager";
    private static final String TAG = "k3s-it";
    private static final String HOST = "host.testcontainers.internal";

    private static K3sContainer k3s;
    private static HttpServer http;
    private static KafkaBroker kafka;
    private static KubernetesClient client;
    private static String source;

    @BeforeAll
    static void start() throws Exception {
        Path weights = TestModels.stories260K();
        http = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
        http.createContext("/stories.gguf", ex -> {
            ex.sendResponseHeaders(200, Files.size(weights));
            try (var out = ex.getResponseBody()) {
                Files.copy(weights, out);
            }
        });
        http.start();
        int kafkaPort = freePort();
        // the other Testcontainers class (the annotation's name is taken)
        org.testcontainers.Testcontainers.exposeHostPorts(http.getAddress().getPort(), kafkaPort);
        k3s = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));
        k3s.start();
        String hostIp = k3s.execInContainer("sh", "-c", "getent hosts " + HOST + " | cut -d' ' -f1").getStdout().strip();
        int controllerPort = freePort();
        // the broker of deploy/local (the version the operator's Admin client reads share-group lag from), reachable
        // from the cluster: listening on every address, advertised at the host's address as the cluster sees it
        kafka = KafkaBroker.start(Files.createTempDirectory("k3s-it-kafka"), kafkaPort, Map.of(
                "listeners", "PLAINTEXT://0.0.0.0:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "controller.quorum.voters", "1@127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://" + hostIp + ":" + kafkaPort));
        importImage();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build();
        client.apiextensions().v1().customResourceDefinitions()
                .load(Path.of("target/kubernetes/models.paddock.dev-v1.yml").toFile()).serverSideApply();
        install(hostIp + ":" + kafkaPort);
        source = "http://" + hostIp + ":" + http.getAddress().getPort() + "/stories.gguf";
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (k3s != null) {
            k3s.stop();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void modelIsPulledByARealJobAndBecomesCachedAndReady() throws IOException {
        String sha = ModelDownloader.sha256(TestModels.stories260K());
        createModel("stories", sha);

        await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> {
            Model m = client.resources(Model.class).inNamespace("default").withName("stories").get();
            assertThat(m.getStatus()).isNotNull();
            assertThat(m.getStatus().condition(ModelStatus.CACHED).getStatus()).as(m.getStatus().conditions.toString())
                    .isEqualTo("True");
            assertThat(m.getStatus().condition(ModelStatus.READY).getReason()).isEqualTo("ScaledToZero");
            NodeCache node = m.getStatus().nodes.getFirst();
            assertThat(node.bytes).isEqualTo(Files.size(TestModels.stories260K()));
            assertThat(node.sha256).isEqualTo(sha);
        });

        // the chart runs two operator replicas: one holds the Lease; deleting its pod hands it to the other, which
        // reconciles the next Model
        String leader = leaseHolder();
        assertThat(client.pods().inNamespace("paddock").withLabel("app.kubernetes.io/component", "model-manager").list()
                .getItems()).extracting(p -> p.getMetadata().getName()).hasSize(2).contains(leader);
        client.pods().inNamespace("paddock").withName(leader).withGracePeriod(0).delete();
        await().atMost(Duration.ofMinutes(2)).until(() -> leaseHolder() != null && !leader.equals(leaseHolder()));
        createModel("stories-after-failover", sha);
        await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> {
            Model m = client.resources(Model.class).inNamespace("default").withName("stories-after-failover").get();
            assertThat(m.getStatus()).isNotNull();
            assertThat(m.getStatus().condition(ModelStatus.CACHED).getStatus()).isEqualTo("True");
        });
    }

    /** A Model of the served stories260K file, scaled to zero. */
    private static void createModel(String name, String sha) {
        client.resources(Model.class).inNamespace("default").resource(Serialization.unmarshal("""
                apiVersion: paddock.dev/v1alpha1
                kind: Model
                metadata: {name: %s}
                spec:
                  source: %s
                  sha256: %s
                  minReplicas: 0
                  maxReplicas: 1
                """.formatted(name, source, sha), Model.class)).create();
    }

    private static String leaseHolder() {
        var lease = client.leases().inNamespace("paddock").withName("paddock-model-manager").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** Builds the model-manager image here and loads it into k3s's containerd (no registry involved). */
    private static void importImage() throws Exception {
        new ImageFromDockerfile(IMAGE + ":" + TAG, false).withDockerfile(Path.of("src/main/docker/Dockerfile"))
                .withFileFromPath("target/quarkus-app", Path.of("target/quarkus-app")).get();
        Path tar = Files.createTempFile("model-manager", ".tar");
        try (InputStream image = DockerClientFactory.instance().client().saveImageCmd(IMAGE).withTag(TAG).exec()) {
            Files.copy(image, tar, StandardCopyOption.REPLACE_EXISTING);
        }
        k3s.copyFileToContainer(MountableFile.forHostPath(tar), "/tmp/model-manager.tar");
        var imported = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", "/tmp/model-manager.tar");
        assertThat(imported.getExitCode()).as(imported.getStderr()).isZero();
    }

    /** The chart with only the operator, waiting until its Deployment is ready. */
    private static void install(String bootstrap) {
        new Helm(Path.of("../helm/paddock")).install().withName("paddock").withNamespace("paddock").createNamespace()
                .withKubeConfigContents(k3s.getKubeConfigYaml()).skipCrds().set("image.tag", TAG)
                .set("kafka.bootstrapServers", bootstrap).set("gateway.enabled", false)
                .set("evalService.enabled", false).set("grafana.dashboards.enabled", false)
                .set("modelManager.puller.allowPrivateAddresses", true).waitReady().withTimeout(300).call();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

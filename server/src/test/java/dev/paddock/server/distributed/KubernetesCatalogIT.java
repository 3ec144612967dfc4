package dev.paddock.server.distributed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.wire.Topics;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.server.openai.ServerProcess;
import dev.paddock.testing.kafka.KafkaBroker;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's kubernetes catalog end to end: gateway processes follow the Model resources of the Fabric8
 * mock API server (CRUD mode, in this JVM); the test writes the Models' status as the operator would, and
 * starts a worker the way the operator's Deployment does when a model scaled to zero gets a request.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class KubernetesCatalogIT {

    static KubernetesMockServer server;
    static KubernetesClient client;
    // the mock server logs every request at INFO; held here so that the level sticks
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private static Topology topology;
    private static ServerProcess gateway;
    private static ServerProcess impatientGateway;
    private static ServerProcess worker;
    private static Admin admin;
    private static BrokerLag brokerLag;

    @BeforeAll
    static void start() throws IOException {
        MOCK_LOG.setLevel(Level.WARNING);
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(Model.GROUP)
                .withVersion(Model.VERSION).withKind("Model").withPlural("models").withScope("Namespaced")
                .withStatusSubresource(true).build());
        topology = Topology.start(0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topology.broker().bootstrapServers()));
        try {
            brokerLag = new BrokerLag(topology.broker().bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the broker's Admin client", e);
        }
        gateway = startGateway("90s");
        impatientGateway = startGateway("2s");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {worker, gateway, impatientGateway, brokerLag, admin, topology}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    void gatewayIsReadyWhateverTheModelsAreSoThatRequestsCanWakeThem() {
        assertThat(given().baseUri(gateway.root().toString()).get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(given().baseUri(impatientGateway.root().toString()).get("/health/ready").statusCode())
                .isEqualTo(200);
    }

    @Test
    void modelsListsExactlyTheModelsWhoseReadyConditionIsTrue() {
        create("listed", status("True", "Serving", 1));
        create("pulling", status("False", "NotCached", 0));
        create("asleep", status("True", "ScaledToZero", 0));
        create("unreconciled", null);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(gateway))
                .contains("listed-model", "asleep-model").doesNotContain("pulling-model", "unreconciled-model"));
        setStatus("pulling", status("True", "Serving", 1));
        setStatus("listed", status("False", "NotCached", 0));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(gateway))
                .contains("pulling-model", "asleep-model").doesNotContain("listed-model", "unreconciled-model"));
        assertThat(given().baseUri(gateway.root().toString()).get("/v1/models/pulling-model").statusCode())
                .isEqualTo(200);
        client.resources(Model.class).inNamespace(client.getNamespace()).withName("asleep").delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(gateway))
                .doesNotContain("asleep-model"));
        assertThat(chat(gateway, "asleep-model").statusCode()).isEqualTo(404);
    }

    @Test
    void requestForAModelThatCannotTakeRequestsYetIsRefusedAtOnceAndAnUnknownOneIs404() {
        create("cold", status("False", "NotCached", 0));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(chat(gateway, "cold-model")
                .statusCode()).isEqualTo(503));

        Response refused = chat(gateway, "cold-model");
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.jsonPath().getString("error.code")).isEqualTo("model_loading");
        assertThat(refused.jsonPath().getString("error.message")).contains("NotCached");
        assertThat(chat(gateway, "no-such-model").jsonPath().getString("error.code")).isEqualTo("model_not_found");
    }

    @Test
    void requestForAModelScaledToZeroIsQueuedWaitsForItsWorkerAndIsServed() throws Exception {
        Model model = create("sleepy", status("True", "ScaledToZero", 0));
        String topic = "paddock.requests.sleepy-model";
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(gateway)).contains("sleepy-model"));
        OpenAIClient openai = OpenAIOkHttpClient.builder().baseUrl(gateway.root().resolve("/v1").toString())
                .apiKey("unused").maxRetries(0).timeout(Duration.ofSeconds(120)).build();

        CompletableFuture<ChatCompletion> answer = CompletableFuture.supplyAsync(() -> openai.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("sleepy-model").addUserMessage("Once upon a time")
                        .maxCompletionTokens(5).build()));
        // the queued request is the demand the operator's ReplicaScaler sees: backlog of the workers' share group
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lag(topic, group("sleepy-model")))
                .isEqualTo(1));
        assertThat(answer).isNotDone();
        worker = WorkerContainer.start(model, WorkerContainer.stories(), topology.broker().bootstrapServers(),
                "sleepy-worker-5c4d-x2x9p");
        worker.awaitReady();
        setStatus("sleepy", status("True", "Serving", 1));

        ChatCompletion c = answer.get(90, TimeUnit.SECONDS);
        assertThat(c.model()).isEqualTo("sleepy-model");
        assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        // served and acknowledged: the demand the operator scales from is gone, so it may scale back to zero
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lag(topic, group("sleepy-model")))
                .isZero());
    }

    @Test
    void requestForAModelThatNeverWakesIsAnswered503ModelLoadingWithRetryAfter() throws Exception {
        create("insomniac", status("True", "ScaledToZero", 0));
        admin.createTopics(List.of(new NewTopic("paddock.requests.insomniac-model", 1, (short) 1))).all()
                .get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(listed(impatientGateway))
                .contains("insomniac-model"));

        Response r = chat(impatientGateway, "insomniac-model");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isNotBlank();
        assertThat(r.jsonPath().getString("error.code")).as(r.asString()).isEqualTo("model_loading");
        assertThat(r.jsonPath().getString("error.message")).contains("scaled to zero");
        assertThat(lag("paddock.requests.insomniac-model", group("insomniac-model"))).isEqualTo(1);
    }

    private static ServerProcess startGateway(String scaleFromZeroTimeout) throws IOException {
        return ServerProcess.start("paddock.distributed.role=gateway",
                "kafka.bootstrap.servers=" + topology.broker().bootstrapServers(), "paddock.gateway.catalog=kubernetes",
                "paddock.gateway.scale-from-zero-timeout=" + scaleFromZeroTimeout,
                // a first write to a new topic fetches its metadata; allow for a busy 2-core CI machine
                "paddock.routing.broker-timeout=5s",
                "quarkus.kubernetes-client.api-server-url=" + URI.create(server.url("/")),
                "quarkus.kubernetes-client.namespace=" + client.getNamespace());
    }

    private static Model create(String name, ModelStatus status) {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(client.getNamespace()).build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.name = name + "-model";
        spec.source = "https://models.example.org/stories260K.gguf";
        spec.parallel = 2;
        spec.threads = 1;
        spec.contextSize = 256;
        spec.minReplicas = 0;
        m.setSpec(spec);
        Model created = client.resource(m).create();
        if (status != null) {
            setStatus(name, status);
        }
        return created;
    }

    private static void setStatus(String name, ModelStatus status) {
        client.resources(Model.class).inNamespace(client.getNamespace()).withName(name).editStatus(m -> {
            m.setStatus(status);
            return m;
        });
    }

    private static ModelStatus status(String ready, String reason, int replicas) {
        ModelStatus s = new ModelStatus();
        s.replicas = replicas;
        s.desiredReplicas = replicas;
        s.conditions.add(new ConditionBuilder().withType(ModelStatus.READY).withStatus(ready).withReason(reason)
                .withMessage("as the operator says").withLastTransitionTime(Instant.now().toString()).build());
        return s;
    }

    private static List<String> listed(ServerProcess g) {
        return given().baseUri(g.root().toString()).get("/v1/models").jsonPath().getList("data.id", String.class);
    }

    private static Response chat(ServerProcess g, String model) {
        return given().baseUri(g.root().toString()).contentType("application/json")
                .body("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"max_tokens\":2}").post("/v1/chat/completions");
    }

    private static String group(String model) {
        return Topics.workerGroup(model, Priority.INTERACTIVE);
    }

    /**
     * Records of the topic the workers' share group has not acknowledged, as the operator reads them
     * (model-manager's {@code RequestTopics.depth}): the broker's own lag of the share partition, or every record
     * of the log while the group has no state for it (no worker fetched from it yet).
     */
    private static long lag(String topic, String group) throws Exception {
        Optional<Long> lag = brokerLag.lag(group, topic + "-0");
        if (lag != null) {
            return lag.orElseThrow(() -> new AssertionError("the broker reports no share-group lag"));
        }
        TopicPartition p = new TopicPartition(topic, 0);
        long end = admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS).get(p).offset();
        long start = admin.listOffsets(Map.of(p, OffsetSpec.earliest())).all().get(10, TimeUnit.SECONDS).get(p)
                .offset();
        return end - start;
    }

    /**
     * The broker's lag of share partitions (KIP-1226), asked with the Admin client of deploy/local's Kafka jars in
     * a class loader of their own: the operator reads it with that client version, while this module (the
     * worker and gateway) keeps the Quarkus BOM's kafka-clients 4.1, which can only ask for the start offset.
     */
    private static final class BrokerLag implements AutoCloseable {

        private final URLClassLoader loader;
        private final Object admin;
        private final Class<?> adminType;
        private final Object spec;
        private final Method get;

        BrokerLag(String bootstrap) throws Exception {
            Path lib = Path.of(System.getProperty("paddock.kafka.lib", brokerLib()));
            try (var jars = Files.list(lib)) {
                URL[] urls = jars.filter(j -> j.toString().endsWith(".jar")).map(BrokerLag::url).toArray(URL[]::new);
                loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            }
            adminType = loader.loadClass("org.apache.kafka.clients.admin.Admin");
            // Kafka loads its plugins (metrics reporters, serializers) through the context class loader
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                admin = adminType.getMethod("create", Map.class).invoke(null, Map.of("bootstrap.servers", bootstrap));
            } finally {
                thread.setContextClassLoader(previous);
            }
            spec = loader.loadClass("org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec").getConstructor()
                    .newInstance();
            get = loader.loadClass("org.apache.kafka.common.KafkaFuture").getMethod("get", long.class, TimeUnit.class);
        }

        /** The partition's lag, empty when the broker reports none, null when the group has no state for it. */
        @SuppressWarnings("unchecked")
        Optional<Long> lag(String group, String partition) throws Exception {
            Object result = adminType.getMethod("listShareGroupOffsets", Map.class).invoke(admin, Map.of(group, spec));
            Object future = result.getClass().getMethod("partitionsToOffsetInfo", String.class).invoke(result, group);
            Map<Object, Object> offsets = (Map<Object, Object>) get.invoke(future, 10L, TimeUnit.SECONDS);
            for (var e : offsets.entrySet()) {
                if (e.getKey().toString().equals(partition) && e.getValue() != null) {
                    return (Optional<Long>) e.getValue().getClass().getMethod("lag").invoke(e.getValue());
                }
            }
            return null;
        }

        private static String brokerLib() throws IOException {
            try (InputStream in = KafkaBroker.class.getResourceAsStream("kafka-broker.properties")) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("lib.dir");
            }
        }

        private static URL url(Path jar) {
            try {
                return jar.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws Exception {
            adminType.getMethod("close").invoke(admin);
            loader.close();
        }
    }
}

package dev.paddock.server.distributed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.server.openai.ServerProcess;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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

    @BeforeAll
    static void start() throws IOException {
        MOCK_LOG.setLevel(Level.WARNING);
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder().withGroup(Model.GROUP)
                .withVersion(Model.VERSION).withKind("Model").withPlural("models").withScope("Namespaced")
                .withStatusSubresource(true).build());
        topology = Topology.start(0);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, topology.broker().bootstrapServers()));
        gateway = startGateway("90s");
        impatientGateway = startGateway("2s");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {worker, gateway, impatientGateway, admin, topology}) {
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
        // the queued request is the demand the operator's ReplicaScaler sees: lag of the workers' group
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(lag(topic, "paddock.workers.sleepy-model"))
                .isEqualTo(1));
        assertThat(answer).isNotDone();
        worker = WorkerContainer.start(model, WorkerContainer.stories(), topology.broker().bootstrapServers(),
                "sleepy-worker-5c4d-x2x9p");
        worker.awaitReady();
        setStatus("sleepy", status("True", "Serving", 1));

        ChatCompletion c = answer.get(90, TimeUnit.SECONDS);
        assertThat(c.model()).isEqualTo("sleepy-model");
        assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        // not checked: the lag falling back to zero once served. Workers now take records through a share group,
        // which commits no consumer-group offsets, so the operator's lag (RequestTopics.lag) stays at the records
        // ever published; reading the share group's start offset instead is the open follow-up
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
        assertThat(lag("paddock.requests.insomniac-model", "paddock.workers.insomniac-model")).isEqualTo(1);
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

    /** Records of the topic the group has not committed, as the operator computes it. */
    private static long lag(String topic, String group) throws Exception {
        TopicPartition p = new TopicPartition(topic, 0);
        long end = admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get(10, TimeUnit.SECONDS).get(p).offset();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        OffsetAndMetadata c = committed.get(p);
        return end - (c == null ? 0 : c.offset());
    }
}

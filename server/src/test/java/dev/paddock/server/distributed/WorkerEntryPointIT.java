package dev.paddock.server.distributed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.server.openai.ServerProcess;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker entry point the operator's Deployment uses: the server jar started with only the container's
 * command and environment serves its model over a real Kafka broker to a gateway process.
 */
class WorkerEntryPointIT {

    private static Topology topology;
    private static ServerProcess worker;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        topology = Topology.start(0);
        worker = WorkerContainer.start(model("stories", 2), WorkerContainer.stories(),
                topology.broker().bootstrapServers(), "stories-worker-7d9f-abcde");
        topology.startGateway();
        client = OpenAIOkHttpClient.builder().baseUrl(topology.v1().toString()).apiKey("unused").maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.close();
        }
        if (topology != null) {
            topology.close();
        }
    }

    @Test
    void workerStartedLikeTheDeploymentsContainerServesAChatCompletionThroughTheGateway() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("default").addUserMessage("Once upon a time").maxCompletionTokens(6).build());

        assertThat(c.model()).isEqualTo("tiny-stories");
        assertThat(c.choices().getFirst().message().content()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
        assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(6);
    }

    @Test
    void workerServesTheSpecFromItsEnvironmentAndIsReadyForTheReadinessProbe() {
        assertThat(client.models().list().data()).extracting(m -> m.id()).containsExactly("tiny-stories");
        assertThat(given().baseUri(worker.root().toString()).get("/health/ready").statusCode()).isEqualTo(200);
        String metrics = given().baseUri(worker.root().toString()).accept("text/plain").get("/metrics").asString();
        assertThat(metrics).containsPattern("paddock_taken_requests_total\\{[^}]*model=\"tiny-stories\"");
    }

    @Test
    void badSpecInTheEnvironmentStopsTheWorkerNamingTheVariableAndTheField() {
        Model bad = model("broken", -3);
        Map<String, String> env = WorkerContainer.environment(bad, WorkerContainer.stories().toString(),
                topology.broker().bootstrapServers(), "broken-worker-1");

        assertThatThrownBy(() -> ServerProcess.launch(WorkerContainer.command(), env).close())
                .isInstanceOf(IOException.class).hasMessageContaining("PADDOCK_SERVER_MODEL")
                .hasMessageContaining("model.parallel");
    }

    @Test
    void missingWeightsInTheNodeCacheStopWorkerNamingTheFile() {
        Map<String, String> env = WorkerContainer.environment(model("uncached", 2), "/cache/weights-absent.gguf",
                topology.broker().bootstrapServers(), "uncached-worker-1");

        assertThatThrownBy(() -> ServerProcess.launch(WorkerContainer.command(), env).close())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("model.source: no such file /cache/weights-absent.gguf");
    }

    private static Model model(String name, int parallel) {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team-a").build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.name = "tiny-stories";
        spec.aliases = List.of("default");
        spec.source = "https://models.example.org/stories260K.gguf";
        spec.parallel = parallel;
        spec.threads = 1;
        spec.contextSize = 256;
        spec.minReplicas = 0;
        spec.maxReplicas = 2;
        m.setSpec(spec);
        return m;
    }
}

package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.MINILM;
import static dev.paddock.server.openai.ServedModels.STORIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.models.Model;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} driven by the official OpenAI Java SDK. */
@QuarkusTest
class ModelsIT {

    @TestHTTPResource("/v1")
    URL v1;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        ServedModels.awaitReady();
        client = ServedModels.client(v1);
    }

    @Test
    void listsTheServedModels() {
        List<Model> models = client.models().list().data();

        assertThat(models).extracting(Model::id).containsExactlyInAnyOrder(STORIES, MINILM);
        assertThat(models).allSatisfy(m -> {
            assertThat(m.ownedBy()).isEqualTo("paddock");
            assertThat(m.created()).isPositive();
        });
    }

    @Test
    void retrievesAModelByName() {
        Model model = client.models().retrieve(STORIES);

        assertThat(model.id()).isEqualTo(STORIES);
        assertThat(model._object_().toString()).contains("model");
    }

    @Test
    void unknownModelIs404ModelNotFound() {
        assertThatThrownBy(() -> client.models().retrieve("no-such-model"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
    }
}

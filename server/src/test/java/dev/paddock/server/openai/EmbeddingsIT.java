package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.MINILM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/embeddings} driven by the official OpenAI Java SDK, and base64 checked on the wire. */
@QuarkusTest
class EmbeddingsIT {

    @TestHTTPResource("/v1")
    URL v1;

    private OpenAIClient client;

    @BeforeEach
    void connect() {
        ServedModels.awaitReady();
        client = ServedModels.client(v1);
    }

    @Test
    void embedsEachInputAsAUnitVectorOf384Dimensions() {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder().model(MINILM)
                .inputOfArrayOfStrings(List.of("a cat on a mat", "the stock market")).build());

        assertThat(r.data()).hasSize(2);
        assertThat(r.data()).extracting(e -> e.index()).containsExactly(0L, 1L);
        for (var e : r.data()) {
            assertThat(e.embedding()).hasSize(384);
            assertThat(norm(e.embedding())).isCloseTo(1.0, within(1e-3));
        }
        assertThat(r.usage().promptTokens()).isPositive();
        assertThat(r.usage().totalTokens()).isEqualTo(r.usage().promptTokens());
    }

    @Test
    void relatedSentencesAreCloserThanUnrelatedOnes() {
        List<List<Float>> v = vectors(List.of("The cat sat on the mat.", "A kitten is sleeping on a rug.",
                "Interest rates rose again this quarter."));

        assertThat(cosine(v.get(0), v.get(1))).isGreaterThan(cosine(v.get(0), v.get(2)) + 0.1);
    }

    @Test
    void base64CarriesTheSameLittleEndianFloats() {
        JsonPath floats = embed("{\"model\":\"" + MINILM + "\",\"input\":\"hello world\"}");
        JsonPath base64 = embed("{\"model\":\"" + MINILM + "\",\"input\":\"hello world\",\"encoding_format\":"
                + "\"base64\"}");

        List<Float> expected = floats.getList("data[0].embedding", Float.class);
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64.getString("data[0].embedding")))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining()).isEqualTo(384 * Float.BYTES);
        for (Float f : expected) {
            assertThat(bytes.getFloat()).isEqualTo(f);
        }
    }

    @Test
    void tokenInputsAreEmbedded() {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder().model(MINILM)
                .inputOfArrayOfTokenArrays(List.of(List.of(101L, 7592L, 102L), List.of(101L, 2088L, 102L))).build());

        assertThat(r.data()).hasSize(2).allSatisfy(e -> assertThat(e.embedding()).hasSize(384));
        assertThat(r.usage().promptTokens()).isEqualTo(6);
    }

    @Test
    void onlyTheModelsOwnDimensionsAreAccepted() {
        EmbeddingCreateParams.Builder params = EmbeddingCreateParams.builder().model(MINILM).input("hello");

        assertThat(client.embeddings().create(params.dimensions(384).build()).data().getFirst().embedding())
                .hasSize(384);
        assertThatThrownBy(() -> client.embeddings().create(params.dimensions(128).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("dimensions");
                    assertThat(e.getMessage()).contains("cannot change its output dimensions");
                });
    }

    @Test
    void moreThan2048InputsAreRefused() {
        assertThatThrownBy(() -> vectors(java.util.Collections.nCopies(2049, "a")))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.param()).contains("input");
                    assertThat(e.getMessage()).contains("At most 2048 inputs").contains("has 2049");
                });
    }

    private List<List<Float>> vectors(List<String> inputs) {
        return client.embeddings().create(EmbeddingCreateParams.builder().model(MINILM).inputOfArrayOfStrings(inputs)
                .build()).data().stream().map(e -> e.embedding()).toList();
    }

    private static JsonPath embed(String body) {
        return given().contentType("application/json").body(body).post("/v1/embeddings").then().statusCode(200)
                .extract().jsonPath();
    }

    private static double norm(List<Float> v) {
        return Math.sqrt(v.stream().mapToDouble(f -> f * f).sum());
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i) * b.get(i);
        }
        return dot / (norm(a) * norm(b));
    }
}

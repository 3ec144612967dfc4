package dev.paddock.server.openai;

import static dev.paddock.server.openai.ServedModels.STORIES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.openai.errors.UnauthorizedException;
import com.openai.models.models.Model;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code paddock.gateway.api-keys} set, {@code /v1} needs a bearer key; health and metrics stay
 * open. Runs the packaged server with the keys configured.
 */
class ApiKeyIT {

    private static final String KEY = "test-key";

    private static ServerProcess server;
    private static URL v1;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start("paddock.gateway.api-keys=" + KEY + ",second-key").awaitReady();
        v1 = server.root().resolve("/v1").toURL();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestWithoutAKeyIs401() {
        given().baseUri(server.root().toString()).contentType("application/json")
                .body("{\"model\":\"" + STORIES + "\",\"prompt\":\"x\"}").post("/v1/completions").then()
                .statusCode(401).contentType("application/json").header("WWW-Authenticate", "Bearer")
                .body("error.type", equalTo("invalid_request_error")).body("error.code", nullValue());
    }

    @Test
    void requestWithAWrongKeyIs401InvalidApiKey() {
        assertThatThrownBy(() -> ServedModels.client(v1, "wrong").models().list())
                .isInstanceOfSatisfying(UnauthorizedException.class,
                        e -> assertThat(e.code()).contains("invalid_api_key"));
    }

    @Test
    void anyConfiguredKeyIsAccepted() {
        assertThat(ServedModels.client(v1, KEY).models().list().data()).extracting(Model::id).contains(STORIES);
        assertThat(ServedModels.client(v1, "second-key").models().retrieve(STORIES).id()).isEqualTo(STORIES);
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        given().baseUri(server.root().toString()).get("/health").then().statusCode(200);
        given().baseUri(server.root().toString()).get("/metrics").then().statusCode(200);
    }
}

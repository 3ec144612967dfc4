package dev.paddock.eval.scoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import dev.paddock.eval.client.Answer;
import java.io.IOException;

/** Scorers of JSON answers: valid JSON at all, and valid against a JSON Schema. */
public final class JsonScorers {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonScorers() {
    }

    /** 1 when the whole answer (surrounding whitespace aside) is one JSON value. */
    public static Scorer valid() {
        return (item, answer) -> parse(answer) != null ? 1 : 0;
    }

    /** 1 when the answer is JSON that satisfies the schema (draft from its $schema, else 2020-12). */
    public static Scorer matching(JsonNode node) {
        SpecVersion.VersionFlag version = node.has("$schema") ? SpecVersionDetector.detect(node)
                : SpecVersion.VersionFlag.V202012;
        JsonSchema compiled = JsonSchemaFactory.getInstance(version).getSchema(node);
        return (item, answer) -> {
            JsonNode value = parse(answer);
            return value != null && compiled.validate(value).isEmpty() ? 1 : 0;
        };
    }

    private static JsonNode parse(Answer answer) {
        String text = answer.text() == null ? "" : answer.text().strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}

package dev.paddock.api.inference.v1;

import com.fasterxml.jackson.databind.JsonNode;

/** Restricts what the model may generate; enforced by a grammar during sampling. */
public sealed interface OutputConstraint {

    /** Any JSON object. */
    record JsonObject() implements OutputConstraint {
    }

    /** A JSON document valid against a JSON Schema. */
    record JsonSchema(JsonNode schema) implements OutputConstraint {
    }

    /** A llama.cpp GBNF grammar whose start rule is {@code root}. */
    record Grammar(String gbnf) implements OutputConstraint {
    }
}

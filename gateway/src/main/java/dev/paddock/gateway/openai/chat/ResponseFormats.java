package dev.paddock.gateway.openai.chat;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.openai.v1.ResponseFormat;
import dev.paddock.gateway.openai.RequestChecks;

/** Reads {@code response_format}: text (free), json_object (any object) or json_schema (a schema). */
final class ResponseFormats {

    private ResponseFormats() {
    }

    /** The output constraint, or null for free text. */
    static OutputConstraint constraint(ResponseFormat format) {
        if (format == null || format.type() == null || format.type().equals("text")) {
            return null;
        }
        return switch (format.type()) {
            case "json_object" -> new OutputConstraint.JsonObject();
            case "json_schema" -> schema(format.jsonSchema());
            default -> throw InferenceException.invalid("response_format.type",
                    "'response_format.type' must be text, json_object or json_schema; got '" + format.type() + "'.");
        };
    }

    private static OutputConstraint schema(ResponseFormat.JsonSchema jsonSchema) {
        RequestChecks.require(jsonSchema != null, "response_format.json_schema",
                "'response_format.json_schema' is required when the type is json_schema.");
        if (jsonSchema.schema() == null) {
            return new OutputConstraint.JsonObject();
        }
        RequestChecks.require(jsonSchema.schema().isObject(), "response_format.json_schema.schema",
                "'response_format.json_schema.schema' must be a JSON Schema object.");
        return new OutputConstraint.JsonSchema(jsonSchema.schema());
    }
}

package dev.paddock.api.openai.v1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What shape the output must have.
 *
 * @param type text, json_object or json_schema
 * @param jsonSchema the schema, for json_schema
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseFormat(String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {

    /**
     * A named JSON Schema the output must validate against.
     *
     * @param name the schema's name
     * @param description what the output is
     * @param schema the JSON Schema
     * @param strict whether the schema is followed exactly (it always is here)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JsonSchema(String name, String description, JsonNode schema, Boolean strict) {
    }
}

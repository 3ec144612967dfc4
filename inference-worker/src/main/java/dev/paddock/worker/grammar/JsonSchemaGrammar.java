package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Converts JSON Schemas into GBNF grammars, the format llama.cpp uses to constrain sampling, so
 * that a model can only produce JSON documents the schema describes.
 *
 * <p>Supported: {@code type} (single or an array of types) for all seven JSON types;
 * {@code properties}, {@code required} and {@code additionalProperties} (true, false or a schema);
 * {@code items}, {@code prefixItems}, {@code minItems}, {@code maxItems}; {@code minLength},
 * {@code maxLength} and the formats {@code date}, {@code time}, {@code date-time} and
 * {@code uuid}; {@code enum} and {@code const} of any JSON value; {@code anyOf}, {@code oneOf}
 * (treated as anyOf); {@code allOf} (merged, meant for objects); local {@code $ref}s including
 * recursive ones; OpenAPI's {@code nullable}; boolean schemas, with {@code {}} meaning any value.
 *
 * <p>Deliberate deviations from JSON Schema, all in favour of what a generating model needs:
 * <ul>
 *   <li>objects that declare {@code properties} are closed unless {@code additionalProperties}
 *       opens them; tuples ({@code prefixItems}) are closed unless {@code items} opens them;</li>
 *   <li>numeric bounds ({@code minimum}, {@code maximum}, their exclusive forms and
 *       {@code multipleOf}) are ignored, except that a lower bound of zero or more forbids
 *       negative numbers;</li>
 *   <li>unknown formats are ignored; numbers are limited to 16 integer and 16 fraction digits;
 *       whitespace between tokens is limited to one space or one newline plus indentation.</li>
 * </ul>
 *
 * <p>Keywords a grammar cannot enforce ({@code pattern}, {@code not}, {@code if}/{@code then}/
 * {@code else}, {@code uniqueItems: true}, {@code patternProperties}, ...) and remote
 * {@code $ref}s are rejected with a {@link GrammarException} rather than silently ignored.
 *
 * <p>The output is deterministic: the same schema always yields the same grammar text.
 */
public final class JsonSchemaGrammar {

    private static final String ANY_JSON_OBJECT = buildAnyJsonObject();

    private JsonSchemaGrammar() {
    }

    /**
     * Builds a grammar whose language is the JSON documents valid against {@code schema}, within
     * the limits described on this class.
     *
     * @param schema a JSON Schema (draft 4 to 2020-12 style), as an object or boolean node
     * @return a complete GBNF grammar whose start rule is {@code root}
     * @throws GrammarException if the schema is invalid or uses an unsupported construct; the
     *                          message names the JSON pointer of the offending subschema
     */
    public static String fromSchema(JsonNode schema) {
        Objects.requireNonNull(schema, "schema");
        RuleSet rules = new RuleSet();
        new SchemaConverter(schema, rules).convertRoot();
        return rules.render();
    }

    /**
     * A grammar for any JSON object, as needed for OpenAI's
     * {@code response_format: {"type": "json_object"}}.
     *
     * @return a complete GBNF grammar whose start rule is {@code root}
     */
    public static String anyJsonObject() {
        return ANY_JSON_OBJECT;
    }

    private static String buildAnyJsonObject() {
        RuleSet rules = new RuleSet();
        rules.define(RuleSet.ROOT, rules.primitive(Primitive.OBJECT));
        return rules.render();
    }
}

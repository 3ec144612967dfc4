package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which schema keywords we honour, ignore or refuse, plus typed access to keyword values. */
final class Keywords {

    static final List<String> TYPES = List.of("object", "array", "string", "number", "integer", "boolean", "null");

    /** Keywords that only describe a schema and never change which instances match. */
    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$comment", "$anchor",
            "$dynamicAnchor", "$recursiveAnchor", "$vocabulary", "$defs", "definitions", "title", "description",
            "default", "examples", "example", "deprecated", "readOnly", "writeOnly", "contentMediaType",
            "contentEncoding", "discriminator", "externalDocs", "xml");

    /** Constraints a grammar cannot (or we do not yet) enforce: refusing beats silently ignoring. */
    private static final Set<String> UNSUPPORTED = Set.of("pattern", "patternProperties", "propertyNames",
            "minProperties", "maxProperties", "dependentRequired", "dependentSchemas", "dependencies", "if",
            "then", "else", "not", "contains", "minContains", "maxContains", "unevaluatedProperties",
            "unevaluatedItems", "$dynamicRef", "$recursiveRef");

    private static final Set<String> OBJECT_HINTS = Set.of("properties", "additionalProperties", "required");
    private static final Set<String> ARRAY_HINTS = Set.of("items", "prefixItems", "additionalItems", "minItems",
            "maxItems");
    private static final Set<String> STRING_HINTS = Set.of("minLength", "maxLength", "format");
    private static final Set<String> NUMBER_HINTS = Set.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum", "multipleOf");

    private Keywords() {
    }

    /** Fails on the first keyword of {@code schema} that we cannot turn into grammar. */
    static void check(ObjectNode schema, SchemaPath path) {
        for (String keyword : names(schema)) {
            boolean uniqueItems = keyword.equals("uniqueItems") && schema.get(keyword).asBoolean();
            if (UNSUPPORTED.contains(keyword) || uniqueItems) {
                throw new GrammarException("unsupported JSON Schema keyword '" + keyword + "'", path);
            }
        }
    }

    /** The member names of a JSON object, in document order. */
    static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    static boolean isAnnotation(String keyword) {
        return ANNOTATIONS.contains(keyword);
    }

    /** A copy of {@code schema} without annotations: what is left actually constrains instances. */
    static ObjectNode constraintsOnly(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.remove(ANNOTATIONS);
        return copy;
    }

    /**
     * The instance types {@code schema} allows: the declared {@code type}, else the one implied by
     * type-specific keywords, else an empty list meaning "any JSON value".
     */
    static List<String> types(ObjectNode schema, SchemaPath path) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return inferredType(schema);
        }
        List<String> types = new ArrayList<>();
        if (type.isTextual()) {
            types.add(type.textValue());
        } else if (type.isArray() && !type.isEmpty()) {
            type.forEach(element -> types.add(element.asText()));
        } else {
            throw new GrammarException("'type' must be a type name or a non-empty array of them", path);
        }
        types.stream().filter(name -> !TYPES.contains(name)).findFirst().ifPresent(name -> {
            throw new GrammarException("unknown type '" + name + "'", path);
        });
        return types.stream().distinct().toList();
    }

    private static List<String> inferredType(ObjectNode schema) {
        List<String> present = names(schema);
        if (present.stream().anyMatch(OBJECT_HINTS::contains)) {
            return List.of("object");
        }
        if (present.stream().anyMatch(ARRAY_HINTS::contains)) {
            return List.of("array");
        }
        if (present.stream().anyMatch(STRING_HINTS::contains)) {
            return List.of("string");
        }
        return present.stream().anyMatch(NUMBER_HINTS::contains) ? List.of("number") : List.of();
    }

    /** A non-negative integer keyword such as {@code minItems}, or {@code fallback} when absent. */
    static Integer count(ObjectNode schema, String keyword, SchemaPath path, Integer fallback) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber() || !value.canConvertToExactIntegral() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new GrammarException("'" + keyword + "' must be a non-negative integer", path);
        }
        return value.asInt();
    }

    /** A keyword whose value must be a non-empty array of schemas or values. */
    static ArrayNode nonEmptyArray(ObjectNode schema, String keyword, SchemaPath path) {
        JsonNode value = schema.get(keyword);
        if (!(value instanceof ArrayNode array) || array.isEmpty()) {
            throw new GrammarException("'" + keyword + "' must be a non-empty array", path);
        }
        return array;
    }

    /** A keyword whose value must be an object (such as {@code properties}); empty when absent. */
    static ObjectNode objectOrEmpty(ObjectNode schema, String keyword, SchemaPath path) {
        JsonNode value = schema.get(keyword);
        if (value == null) {
            return schema.objectNode();
        }
        if (!(value instanceof ObjectNode object)) {
            throw new GrammarException("'" + keyword + "' must be an object", path);
        }
        return object;
    }
}

package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flattens {@code allOf} (and {@code $ref} with constraining siblings) into one schema.
 *
 * <p>A grammar cannot intersect two languages, so {@code allOf} is supported by merging the
 * keywords of its branches: properties are united (a property defined twice gets both schemas
 * via a nested {@code allOf}), {@code required} lists are united, types and enums are intersected, and
 * {@code additionalProperties: false} wins. Any other keyword that two branches set to different
 * values cannot be merged and is reported.
 */
final class SchemaMerger {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RefResolver refs;

    SchemaMerger(RefResolver refs) {
        this.refs = refs;
    }

    /**
     * A subschema to merge, with its own location so that errors point into the document.
     *
     * @param schema the subschema
     * @param path   where it lives
     */
    record Part(JsonNode schema, SchemaPath path) {
    }

    /** {@code schema} with its {@code allOf} and top-level {@code $ref} merged into it. */
    ObjectNode merge(ObjectNode schema, SchemaPath path) {
        return flatten(schema, path, new HashSet<>());
    }

    /** One schema requiring all of {@code parts}; conflicts are reported at {@code path}. */
    ObjectNode mergeAll(List<Part> parts, SchemaPath path) {
        ObjectNode result = NODES.objectNode();
        for (Part part : parts) {
            mergeInto(result, flatten(part.schema(), part.path(), new HashSet<>()), path);
        }
        return result;
    }

    /** A schema requiring both {@code first} and {@code second}, left for a later merge. */
    private static ObjectNode both(JsonNode first, JsonNode second) {
        ObjectNode combined = NODES.objectNode();
        combined.putArray("allOf").add(first).add(second);
        return combined;
    }

    private ObjectNode flatten(JsonNode schema, SchemaPath path, Set<String> refsInProgress) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                throw new GrammarException("schema 'false' matches nothing, so the combined schema cannot either",
                        path);
            }
            return NODES.objectNode();
        }
        if (!(schema instanceof ObjectNode node)) {
            throw new GrammarException("schema must be an object or a boolean", path);
        }
        Keywords.check(node, path);
        ObjectNode result = node.deepCopy();
        result.remove(List.of("allOf", "$ref"));
        if (node.has("$ref")) {
            mergeInto(result, flattenRef(RefResolver.refText(node, path), path, refsInProgress), path);
        }
        if (node.has("allOf")) {
            ArrayNode branches = Keywords.nonEmptyArray(node, "allOf", path);
            for (int i = 0; i < branches.size(); i++) {
                mergeInto(result, flatten(branches.get(i), path.child("allOf").child(i), refsInProgress), path);
            }
        }
        return result;
    }

    private ObjectNode flattenRef(String ref, SchemaPath path, Set<String> refsInProgress) {
        if (!refsInProgress.add(ref)) {
            throw new GrammarException("$ref '" + ref + "' includes itself through allOf", path);
        }
        RefResolver.Target target = refs.resolve(ref, path);
        ObjectNode flat = flatten(target.schema(), target.path(), refsInProgress);
        refsInProgress.remove(ref);
        return flat;
    }

    private static void mergeInto(ObjectNode target, ObjectNode source, SchemaPath path) {
        for (Map.Entry<String, JsonNode> keyword : source.properties()) {
            mergeKeyword(target, keyword.getKey(), keyword.getValue(), path);
        }
    }

    private static void mergeKeyword(ObjectNode target, String keyword, JsonNode value, SchemaPath path) {
        JsonNode existing = target.get(keyword);
        if (existing == null) {
            target.set(keyword, value.deepCopy());
            return;
        }
        switch (keyword) {
            case "properties" -> target.set(keyword, mergeProperties(existing, value, path));
            case "required" -> target.set(keyword, union(existing, value));
            case "type" -> target.set(keyword, intersectTypes(existing, value, path));
            case "enum" -> target.set(keyword, intersectEnums(existing, value, path));
            case "additionalProperties" -> target.set(keyword, mergeAdditional(existing, value));
            default -> {
                if (!existing.equals(value) && !Keywords.isAnnotation(keyword)) {
                    throw new GrammarException("the combined schemas disagree on '" + keyword + "'", path);
                }
            }
        }
    }

    private static ObjectNode mergeProperties(JsonNode existing, JsonNode added, SchemaPath path) {
        if (!(existing instanceof ObjectNode existingObject) || !added.isObject()) {
            throw new GrammarException("'properties' must be an object", path);
        }
        ObjectNode merged = existingObject.deepCopy();
        for (Map.Entry<String, JsonNode> property : added.properties()) {
            JsonNode previous = merged.get(property.getKey());
            boolean conflict = previous != null && !previous.equals(property.getValue());
            merged.set(property.getKey(), conflict ? both(previous, property.getValue()) : property.getValue());
        }
        return merged;
    }

    private static ArrayNode union(JsonNode first, JsonNode second) {
        Set<JsonNode> names = new LinkedHashSet<>();
        first.forEach(names::add);
        second.forEach(names::add);
        return NODES.arrayNode().addAll(names);
    }

    private static ArrayNode intersectEnums(JsonNode first, JsonNode second, SchemaPath path) {
        List<JsonNode> allowed = new ArrayList<>();
        second.forEach(allowed::add);
        ArrayNode common = NODES.arrayNode();
        first.forEach(value -> {
            if (allowed.contains(value)) {
                common.add(value);
            }
        });
        if (common.isEmpty()) {
            throw new GrammarException("the combined schemas have no enum value in common", path);
        }
        return common;
    }

    private static JsonNode intersectTypes(JsonNode first, JsonNode second, SchemaPath path) {
        Set<String> firstTypes = typeSet(first);
        Set<String> secondTypes = typeSet(second);
        // An integer is also a number, so number ∩ integer keeps integer (and number ∩ number
        // must not add integer as a redundant extra alternative).
        List<String> common = Keywords.TYPES.stream()
                .filter(type -> admits(firstTypes, type) && admits(secondTypes, type))
                .filter(type -> !type.equals("integer")
                        || !(firstTypes.contains("number") && secondTypes.contains("number")))
                .toList();
        if (common.isEmpty()) {
            throw new GrammarException("the combined schemas have no type in common", path);
        }
        return common.size() == 1 ? TextNode.valueOf(common.getFirst()) : NODES.arrayNode().addAll(
                common.stream().map(TextNode::valueOf).toList());
    }

    private static boolean admits(Set<String> types, String type) {
        return types.contains(type) || (type.equals("integer") && types.contains("number"));
    }

    private static Set<String> typeSet(JsonNode type) {
        Set<String> types = new HashSet<>();
        if (type.isArray()) {
            type.forEach(element -> types.add(element.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static JsonNode mergeAdditional(JsonNode first, JsonNode second) {
        if (first.equals(BooleanNode.FALSE) || second.equals(BooleanNode.FALSE)) {
            return BooleanNode.FALSE;
        }
        if (first.equals(BooleanNode.TRUE)) {
            return second;
        }
        return second.equals(BooleanNode.TRUE) || first.equals(second) ? first : both(first, second);
    }
}

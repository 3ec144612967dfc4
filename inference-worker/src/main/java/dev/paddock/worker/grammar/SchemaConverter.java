package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a schema and produces GBNF rule bodies. Every {@code convert} call returns a rule body
 * (top-level alternatives allowed); composite rules only ever refer to other rules by name, so
 * bodies never need re-parenthesising when they are combined.
 */
final class SchemaConverter {

    private static final int MAX_DEPTH = 256;

    private final RuleSet rules;
    private final RefResolver refs;
    private final SchemaMerger merger;
    private final LiteralRules literals;
    private final ScalarRules scalars;
    private final ObjectRules objects;
    private final ArrayRules arrays;
    /** One rule per distinct $ref, created on first use so recursive schemas terminate. */
    private final Map<String, String> refRules = new HashMap<>();
    /**
     * The $refs entered since the grammar last consumed a token. Meeting one of them again means
     * the grammar would be left-recursive, which llama.cpp rejects (and which could never end).
     */
    private Set<String> refsSinceLastToken = new HashSet<>();
    /** Guards against schemas that expand forever through merging, which no grammar can express. */
    private int depth;

    SchemaConverter(JsonNode document, RuleSet rules) {
        this.rules = rules;
        this.refs = new RefResolver(document);
        this.merger = new SchemaMerger(refs);
        this.literals = new LiteralRules(rules);
        this.scalars = new ScalarRules(rules);
        this.objects = new ObjectRules(this, rules);
        this.arrays = new ArrayRules(this, rules);
    }

    /** Converts the whole document; treating it as {@code {"$ref": "#"}} lets it recurse to itself. */
    void convertRoot() {
        refRule("#", SchemaPath.ROOT);
    }

    /**
     * A symbol for a schema that sits after an opening bracket or brace, i.e. after a token:
     * recursion from here on is not left recursion.
     */
    String nested(JsonNode schema, SchemaPath path, String hint) {
        Set<String> outer = refsSinceLastToken;
        refsSinceLastToken = new HashSet<>();
        try {
            return rules.symbol(hint, convert(schema, path, hint));
        } finally {
            refsSinceLastToken = outer;
        }
    }

    String convert(JsonNode schema, SchemaPath path, String hint) {
        if (++depth > MAX_DEPTH) {
            throw new GrammarException("schema nests too deeply (does an allOf or anyOf include itself?)", path);
        }
        try {
            return convertObject(schema, path, hint);
        } finally {
            depth--;
        }
    }

    private String convertObject(JsonNode schema, SchemaPath path, String hint) {
        if (schema.isBoolean()) {
            if (!schema.booleanValue()) {
                throw new GrammarException("schema 'false' matches nothing", path);
            }
            return rules.primitive(Primitive.VALUE);
        }
        if (!(schema instanceof ObjectNode node)) {
            throw new GrammarException("schema must be an object or a boolean", path);
        }
        Keywords.check(node, path);
        if (node.has("allOf") || (node.has("$ref") && hasConstraintsBesides(node, "$ref"))) {
            return convert(merger.merge(node, path), path, hint);
        }
        if (node.has("$ref")) {
            return refRule(RefResolver.refText(node, path), path);
        }
        return unreferenced(node, path, hint);
    }

    private String unreferenced(ObjectNode node, SchemaPath path, String hint) {
        if (node.path("nullable").asBoolean()) {
            return nullable(node, path, hint);
        }
        if (node.has("anyOf") || node.has("oneOf")) {
            return alternatives(node, path, hint);
        }
        List<String> types = Keywords.types(node, path);
        if (node.has("const") || node.has("enum")) {
            return literals.convert(node, path, types);
        }
        if (types.isEmpty()) {
            return rules.primitive(Primitive.VALUE);
        }
        if (types.size() == 1) {
            return typed(types.getFirst(), node, path, hint);
        }
        List<String> symbols = types.stream().map(type -> rules.symbol(hint + "-" + type,
                typed(type, node, path, hint))).toList();
        return String.join(" | ", symbols);
    }

    private String refRule(String ref, SchemaPath path) {
        String known = refRules.get(ref);
        if (known != null) {
            if (refsSinceLastToken.contains(ref)) {
                throw new GrammarException("$ref '" + ref + "' recurses without consuming any input", path);
            }
            return known;
        }
        RefResolver.Target target = refs.resolve(ref, path);
        String name = rules.reserve(target.nameHint());
        refRules.put(ref, name);
        refsSinceLastToken.add(ref);
        try {
            rules.define(name, convert(target.schema(), target.path(), name));
        } finally {
            refsSinceLastToken.remove(ref);
        }
        return name;
    }

    /** OpenAPI 3.0 {@code nullable: true}: the schema, or null. */
    private String nullable(ObjectNode node, SchemaPath path, String hint) {
        ObjectNode withoutNull = node.deepCopy();
        withoutNull.remove("nullable");
        String value = rules.symbol(hint + "-value", unreferenced(withoutNull, path, hint + "-value"));
        return value + " | " + rules.primitive(Primitive.NULL);
    }

    /**
     * {@code anyOf}/{@code oneOf} become alternatives. oneOf's "exactly one" cannot be expressed
     * in a grammar and is treated like anyOf. Constraints written next to the keyword apply to
     * every branch, so they are merged into each one; branches that are {@code false} are dropped.
     */
    private String alternatives(ObjectNode node, SchemaPath path, String hint) {
        if (node.has("anyOf") && node.has("oneOf")) {
            throw new GrammarException("unsupported combination of anyOf and oneOf", path);
        }
        String keyword = node.has("anyOf") ? "anyOf" : "oneOf";
        ArrayNode branches = Keywords.nonEmptyArray(node, keyword, path);
        ObjectNode shared = Keywords.constraintsOnly(node);
        shared.remove(keyword);
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).equals(BooleanNode.FALSE)) {
                continue;
            }
            SchemaPath branchPath = path.child(keyword).child(i);
            JsonNode branch = shared.isEmpty() ? branches.get(i) : merger.mergeAll(
                    List.of(new SchemaMerger.Part(shared, path), new SchemaMerger.Part(branches.get(i), branchPath)),
                    branchPath);
            String branchHint = hint + "-" + i;
            symbols.add(rules.symbol(branchHint, convert(branch, branchPath, branchHint)));
        }
        if (symbols.isEmpty()) {
            throw new GrammarException("every " + keyword + " branch is false, so nothing matches", path);
        }
        return String.join(" | ", symbols.stream().distinct().toList());
    }

    private String typed(String type, ObjectNode node, SchemaPath path, String hint) {
        return switch (type) {
            case "object" -> objects.convert(node, path, hint);
            case "array" -> arrays.convert(node, path, hint);
            case "string" -> scalars.string(node, path);
            case "number" -> scalars.number(node, false);
            case "integer" -> scalars.number(node, true);
            case "boolean" -> rules.primitive(Primitive.BOOLEAN);
            case "null" -> rules.primitive(Primitive.NULL);
            default -> throw new IllegalStateException("unchecked type " + type);
        };
    }

    private static boolean hasConstraintsBesides(ObjectNode node, String keyword) {
        ObjectNode constraints = Keywords.constraintsOnly(node);
        constraints.remove(keyword);
        return !constraints.isEmpty();
    }
}

package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Grammar for {@code "type": "array"}: {@code items}, {@code minItems}, {@code maxItems} and tuple
 * prefixes ({@code prefixItems}, or the older array form of {@code items} with
 * {@code additionalItems}).
 *
 * <p>As with objects, a tuple is closed by default: without {@code items} (or
 * {@code additionalItems}) no elements may follow the prefix. Without any prefix, a missing
 * {@code items} means elements of any type.
 */
final class ArrayRules {

    private static final String COMMA = "\",\"";

    private final SchemaConverter converter;
    private final RuleSet rules;

    ArrayRules(SchemaConverter converter, RuleSet rules) {
        this.converter = converter;
        this.rules = rules;
    }

    String convert(ObjectNode schema, SchemaPath path, String hint) {
        int min = Keywords.count(schema, "minItems", path, 0);
        Integer max = Keywords.count(schema, "maxItems", path, null);
        ScalarRules.checkRange(min, max, "Items", path);
        List<String> prefix = prefix(schema, path, hint);
        String rest = restItem(schema, path, hint, !prefix.isEmpty());
        String space = rules.primitive(Primitive.SPACE);
        String elements = prefixed(prefix, 0, rest, min, max, path);
        return Gbnf.seq("\"[\"", space, elements, "\"]\"", space);
    }

    private List<String> prefix(ObjectNode schema, SchemaPath path, String hint) {
        String keyword = schema.has("prefixItems") ? "prefixItems" : "items";
        if (!(schema.get(keyword) instanceof ArrayNode)) {
            return List.of();
        }
        ArrayNode tuple = Keywords.nonEmptyArray(schema, keyword, path);
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < tuple.size(); i++) {
            symbols.add(converter.nested(tuple.get(i), path.child(keyword).child(i), hint + "-" + i));
        }
        return symbols;
    }

    /** The symbol for elements after the prefix, or null when none are allowed. */
    private String restItem(ObjectNode schema, SchemaPath path, String hint, boolean hasPrefix) {
        String keyword = schema.get("items") instanceof ArrayNode ? "additionalItems" : "items";
        JsonNode items = schema.get(keyword);
        if (items == null) {
            return hasPrefix ? null : rules.primitive(Primitive.VALUE);
        }
        if (items.isBoolean()) {
            return items.booleanValue() ? rules.primitive(Primitive.VALUE) : null;
        }
        return converter.nested(items, path.child(keyword), hint + "-item");
    }

    /**
     * Elements from prefix position {@code index} on. Tuple elements can only be present in
     * order, so each optional one nests the remainder inside its own optional group.
     */
    private String prefixed(List<String> prefix, int index, String rest, int min, Integer max, SchemaPath path) {
        if (index == prefix.size()) {
            return repeated(rest, index, min, max, path);
        }
        if (max != null && index >= max) {
            return "";
        }
        String element = index == 0 ? prefix.get(index) : Gbnf.seq(COMMA, rules.primitive(Primitive.SPACE),
                prefix.get(index));
        String tail = Gbnf.seq(element, prefixed(prefix, index + 1, rest, min, max, path));
        return index < min ? tail : Gbnf.group(tail) + "?";
    }

    /** {@code rest} repeated so the whole array has between {@code min} and {@code max} elements. */
    private String repeated(String rest, int written, int min, Integer max, SchemaPath path) {
        int lower = Math.max(0, min - written);
        Integer upper = max == null ? null : max - written;
        if (rest == null || (upper != null && upper == 0)) {
            if (lower > 0) {
                throw new GrammarException("minItems " + min + " exceeds the number of elements the schema allows",
                        path);
            }
            return "";
        }
        String next = Gbnf.group(Gbnf.seq(COMMA, rules.primitive(Primitive.SPACE), rest));
        if (written > 0) {
            return Gbnf.repeat(next, lower, upper);
        }
        // The first element has no comma in front of it.
        String tail = Gbnf.seq(rest, Gbnf.repeat(next, Math.max(0, lower - 1), upper == null ? null : upper - 1));
        return lower > 0 ? tail : Gbnf.group(tail) + "?";
    }
}

package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Grammar for {@code const} and {@code enum}: each allowed value is spelled out exactly as its
 * canonical JSON text, with the usual optional whitespace between the tokens of arrays and
 * objects. Values that contradict a declared {@code type} are dropped, as the schema rejects them.
 */
final class LiteralRules {

    private final RuleSet rules;

    LiteralRules(RuleSet rules) {
        this.rules = rules;
    }

    /** The body for a schema carrying {@code const} or {@code enum}. */
    String convert(ObjectNode schema, SchemaPath path, List<String> types) {
        List<JsonNode> values = new ArrayList<>();
        if (schema.has("const")) {
            values.add(schema.get("const"));
        } else {
            Keywords.nonEmptyArray(schema, "enum", path).forEach(values::add);
        }
        List<String> alternatives = values.stream()
                .filter(value -> types.isEmpty() || types.stream().anyMatch(type -> hasType(value, type)))
                .map(this::literal)
                .distinct()
                .toList();
        if (alternatives.isEmpty()) {
            throw new GrammarException("no const/enum value has the declared type " + types, path);
        }
        return String.join(" | ", alternatives);
    }

    /** The exact JSON text of {@code value} as a GBNF sequence, followed by optional whitespace. */
    String literal(JsonNode value) {
        String space = rules.primitive(Primitive.SPACE);
        if (value.isArray()) {
            List<String> elements = new ArrayList<>();
            value.forEach(element -> elements.add(literal(element)));
            return container("[", elements, "]", space);
        }
        if (value.isObject()) {
            List<String> members = value.properties().stream().map(this::member).toList();
            return container("{", members, "}", space);
        }
        // JsonNode.toString() is Jackson's canonical JSON text, escapes included.
        return Gbnf.seq(Gbnf.literal(value.toString()), space);
    }

    private String member(Map.Entry<String, JsonNode> member) {
        String key = Gbnf.literal(JsonStrings.quote(member.getKey()));
        return Gbnf.seq(key, rules.primitive(Primitive.SPACE), "\":\"", rules.primitive(Primitive.SPACE),
                literal(member.getValue()));
    }

    private static String container(String open, List<String> parts, String close, String space) {
        String separator = " \",\" " + space + " ";
        String inside = parts.stream().collect(Collectors.joining(separator));
        return Gbnf.seq(Gbnf.literal(open), space, inside, Gbnf.literal(close), space);
    }

    /** Whether a literal value is an instance of a JSON Schema type. */
    static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "null" -> value.isNull();
            case "boolean" -> value.isBoolean();
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isNumber() && value.canConvertToExactIntegral();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> false;
        };
    }
}

package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Grammar for strings and numbers.
 *
 * <p>Strings honour {@code minLength}/{@code maxLength} (counted in JSON characters, an escape
 * sequence being one) and the formats {@code date}, {@code time}, {@code date-time} and
 * {@code uuid}; other formats are annotations and are ignored, as JSON Schema 2020-12 allows.
 *
 * <p>Numeric bounds are <em>not</em> enforced, with one cheap exception: a lower bound of zero
 * or more ({@code minimum} or {@code exclusiveMinimum}) removes the minus sign. {@code maximum},
 * exact ranges and {@code multipleOf} are ignored, so the grammar may admit out-of-range numbers.
 */
final class ScalarRules {

    private static final Map<String, Primitive> FORMATS = Map.of(
            "date", Primitive.DATE_STRING,
            "time", Primitive.TIME_STRING,
            "date-time", Primitive.DATE_TIME_STRING,
            "uuid", Primitive.UUID_STRING);

    private static final String QUOTE = Gbnf.literal("\"");

    private final RuleSet rules;

    ScalarRules(RuleSet rules) {
        this.rules = rules;
    }

    String string(ObjectNode schema, SchemaPath path) {
        Primitive format = FORMATS.get(schema.path("format").asText());
        if (format != null) {
            return rules.primitive(format);
        }
        int min = Keywords.count(schema, "minLength", path, 0);
        Integer max = Keywords.count(schema, "maxLength", path, null);
        if (min == 0 && max == null) {
            return rules.primitive(Primitive.STRING);
        }
        checkRange(min, max, "Length", path);
        String chars = Gbnf.repeat(rules.primitive(Primitive.CHAR), min, max);
        return Gbnf.seq(QUOTE, chars, QUOTE, rules.primitive(Primitive.SPACE));
    }

    String number(ObjectNode schema, boolean integer) {
        boolean nonNegative = atLeastZero(schema.get("minimum")) || atLeastZero(schema.get("exclusiveMinimum"));
        if (integer) {
            return rules.primitive(nonNegative ? Primitive.NON_NEGATIVE_INTEGER : Primitive.INTEGER);
        }
        return rules.primitive(nonNegative ? Primitive.NON_NEGATIVE_NUMBER : Primitive.NUMBER);
    }

    private static boolean atLeastZero(JsonNode bound) {
        // Draft 4 spelled exclusiveMinimum as a boolean next to minimum; only numbers count here.
        return bound != null && bound.isNumber() && bound.doubleValue() >= 0;
    }

    /**
     * Validates a {@code min*}/{@code max*} pair; shared with arrays. Minimums above the llama.cpp
     * repetition limit are refused because llama.cpp would reject the grammar anyway.
     */
    static void checkRange(int min, Integer max, String what, SchemaPath path) {
        if (max != null && min > max) {
            throw new GrammarException("min" + what + " " + min + " exceeds max" + what + " " + max, path);
        }
        if (min > Gbnf.MAX_REPETITION) {
            throw new GrammarException("min" + what + " " + min + " exceeds the supported maximum of "
                    + Gbnf.MAX_REPETITION, path);
        }
    }
}

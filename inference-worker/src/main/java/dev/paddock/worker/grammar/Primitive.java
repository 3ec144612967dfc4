package dev.paddock.worker.grammar;

import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed rules every generated grammar builds on: whitespace, JSON scalars, the generic
 * JSON value, and the supported string formats. A rule is only emitted when something uses it.
 */
enum Primitive {
    /**
     * Whitespace between tokens is deliberately bounded (one space, or one newline plus a little
     * indentation): unbounded whitespace lets a model loop forever without producing content.
     */
    SPACE("space", "( \" \" | \"\\n\" [ \\t]{0,20} )?"),
    ESCAPE("escape", "[\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4}"),
    /** One JSON string character: anything but a quote, a backslash or a control character. */
    CHAR("char", "[^\"\\\\\\x00-\\x1F\\x7F] | \"\\\\\" escape"),
    STRING("string", quoted("char*")),
    /** Digit counts are capped so a model cannot emit an endless number. */
    INTEGRAL_PART("integral-part", "\"0\" | [1-9] [0-9]{0,15}"),
    DECIMAL_PART("decimal-part", "\".\" [0-9]{1,16}"),
    EXPONENT("exponent", "[eE] [-+]? [0-9]{1,3}"),
    NUMBER("number", "\"-\"? integral-part decimal-part? exponent? space"),
    INTEGER("integer", "\"-\"? integral-part space"),
    NON_NEGATIVE_NUMBER("non-negative-number", "integral-part decimal-part? exponent? space"),
    NON_NEGATIVE_INTEGER("non-negative-integer", "integral-part space"),
    BOOLEAN("boolean", "( \"true\" | \"false\" ) space"),
    NULL("null", "\"null\" space"),
    VALUE("value", "object | array | string | number | boolean | null"),
    OBJECT("object",
            "\"{\" space ( string \":\" space value ( \",\" space string \":\" space value )* )? \"}\" space"),
    ARRAY("array", "\"[\" space ( value ( \",\" space value )* )? \"]\" space"),
    DATE("date", "[0-9]{4} \"-\" ( \"0\" [1-9] | \"1\" [0-2] ) \"-\" ( \"0\" [1-9] | [12] [0-9] | \"3\" [01] )"),
    TIME("time", "( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{1,9} )?"
            + " ( \"Z\" | [+\\-] ( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] )"),
    DATE_TIME("date-time", "date \"T\" time"),
    UUID("uuid", "[0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4}"
            + " \"-\" [0-9a-fA-F]{12}"),
    DATE_STRING("date-string", quoted("date")),
    TIME_STRING("time-string", quoted("time")),
    DATE_TIME_STRING("date-time-string", quoted("date-time")),
    UUID_STRING("uuid-string", quoted("uuid"));

    /** Quoted literals and character classes, which may contain words that are not rule names. */
    private static final Pattern TERMINALS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|\\[(?:[^\\]\\\\]|\\\\.)*]");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    private final String ruleName;
    private final String body;

    Primitive(String ruleName, String body) {
        this.ruleName = ruleName;
        this.body = body;
    }

    private static String quoted(String content) {
        return "\"\\\"\" " + content + " \"\\\"\" space";
    }

    String ruleName() {
        return ruleName;
    }

    String body() {
        return body;
    }

    /** The primitives this one refers to, read off its body so the two can never disagree. */
    List<Primitive> dependencies() {
        Matcher words = WORD.matcher(TERMINALS.matcher(body).replaceAll(" "));
        return words.results().map(MatchResult::group).distinct().map(Primitive::byName).toList();
    }

    /** Whether {@code name} belongs to a primitive, so generated rules must not take it. */
    static boolean isReserved(String name) {
        return Arrays.stream(values()).anyMatch(p -> p.ruleName.equals(name));
    }

    private static Primitive byName(String name) {
        return Arrays.stream(values()).filter(p -> p.ruleName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("primitive refers to unknown rule " + name));
    }
}

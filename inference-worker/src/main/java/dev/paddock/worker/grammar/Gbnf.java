package dev.paddock.worker.grammar;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Low-level helpers for writing GBNF text: literals, character classes, names and repetitions. */
final class Gbnf {

    /**
     * llama.cpp refuses repetition counts above 2000 and silently turns larger maxima into
     * "unbounded"; we apply the same limit ourselves so the emitted grammar says what it does.
     */
    static final int MAX_REPETITION = 2000;

    private Gbnf() {
    }

    /** A GBNF string literal matching {@code text} exactly. */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(cp -> out.append(escape(cp, false)));
        return out.append('"').toString();
    }

    /** One member of a {@code [...]} character class, escaped where the class syntax needs it. */
    static String classMember(int codePoint) {
        return escape(codePoint, true);
    }

    /**
     * Escapes a code point. Everything outside printable ASCII is written as a numeric escape so
     * the grammar stays pure ASCII and survives any C-string handling on the native side.
     */
    private static String escape(int cp, boolean inClass) {
        return switch (cp) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '[', ']', '-' -> inClass ? "\\" + (char) cp : String.valueOf((char) cp);
            default -> cp >= 0x20 && cp < 0x7F ? String.valueOf((char) cp) : numericEscape(cp);
        };
    }

    private static String numericEscape(int cp) {
        HexFormat hex = HexFormat.of().withUpperCase();
        if (cp <= 0xFF) {
            return "\\x" + hex.toHexDigits((byte) cp);
        }
        if (cp <= 0xFFFF) {
            return "\\u" + hex.toHexDigits((short) cp);
        }
        return "\\U" + hex.toHexDigits(cp);
    }

    /** Turns a free-form hint (a property name, a $defs key) into a valid GBNF rule name. */
    static String ruleName(String hint) {
        String name = hint.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "rule" : name;
    }

    /** True for a bare rule reference, i.e. a body that needs no rule of its own. */
    static boolean isIdentifier(String text) {
        return text.matches("[A-Za-z0-9-]+");
    }

    /**
     * {@code atom} repeated between {@code min} and {@code max} times ({@code max} null means
     * unbounded), using the short operators where they apply. Returns "" for zero repetitions.
     */
    static String repeat(String atom, int min, Integer max) {
        Integer upper = max != null && max > MAX_REPETITION ? null : max;
        if (upper != null && upper == 0) {
            return "";
        }
        String suffix;
        if (upper == null) {
            suffix = switch (min) {
                case 0 -> "*";
                case 1 -> "+";
                default -> "{" + min + ",}";
            };
        } else if (min == upper) {
            suffix = min == 1 ? "" : "{" + min + "}";
        } else {
            suffix = min == 0 && upper == 1 ? "?" : "{" + min + "," + upper + "}";
        }
        return atom + suffix;
    }

    /** Joins sequence parts with single spaces, skipping empty ones. */
    static String seq(String... parts) {
        return Arrays.stream(parts).filter(part -> !part.isBlank()).collect(Collectors.joining(" "));
    }

    /** Wraps a body in parentheses so a suffix operator applies to all of it. */
    static String group(String body) {
        return "( " + body + " )";
    }
}

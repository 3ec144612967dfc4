package dev.paddock.worker.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()} for the values a template sees, so that printing a
 * boolean, a number or a container gives what Jinja2 prints ({@code True}, {@code 1.0},
 * {@code {'a': [1, None]}}), not Java's {@code toString()}.
 */
final class PythonValues {

    private PythonValues() {
    }

    /** Python {@code str(value)}; {@code null} is Python's {@code None}. */
    static String str(Object value) {
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        return repr(value);
    }

    /** Python {@code repr(value)}. */
    static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        appendRepr(out, value);
        return out.toString();
    }

    private static void appendRepr(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case Double d -> out.append(floatRepr(d));
            case Float f -> out.append(floatRepr(f));
            case BigDecimal d -> out.append(floatRepr(d.doubleValue()));
            case Number n -> out.append(n);
            case CharSequence s -> appendStringRepr(out, s.toString());
            case Character c -> appendStringRepr(out, c.toString());
            case Map<?, ?> map -> {
                out.append('{');
                Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
                while (entries.hasNext()) {
                    Map.Entry<?, ?> entry = entries.next();
                    appendRepr(out, entry.getKey());
                    out.append(": ");
                    appendRepr(out, entry.getValue());
                    out.append(entries.hasNext() ? ", " : "");
                }
                out.append('}');
            }
            case Map.Entry<?, ?> pair -> {
                // dict.items() yields tuples
                out.append('(');
                appendRepr(out, pair.getKey());
                out.append(", ");
                appendRepr(out, pair.getValue());
                out.append(')');
            }
            case Iterable<?> items -> {
                out.append('[');
                Iterator<?> it = items.iterator();
                while (it.hasNext()) {
                    appendRepr(out, it.next());
                    out.append(it.hasNext() ? ", " : "");
                }
                out.append(']');
            }
            default -> out.append(value);
        }
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent outside 1e-4 .. 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        // Double.toString gives the shortest digits that round-trip, as Python's repr does, except
        // that it keeps two digits where one would do (4.9E-324, where Python says 5e-324)
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        BigDecimal oneDigit = exact.round(new MathContext(1, RoundingMode.HALF_EVEN));
        if (exact.precision() == 2 && oneDigit.doubleValue() == d) {
            exact = oneDigit;
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    private static void appendStringRepr(StringBuilder out, String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp == quote) {
                        out.append('\\').append(quote);
                    } else if (isPrintable(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp <= 0xff) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp <= 0xffff) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        out.append(quote);
    }

    /** Python's {@code str.isprintable()} for one code point. */
    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Python's {@code str.isspace()} for one character. */
    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}

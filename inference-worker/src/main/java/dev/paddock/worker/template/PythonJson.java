package dev.paddock.worker.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps}, byte for byte, because templates paste its output into the prompt:
 * the model was trained on that exact spacing ({@code ", "} and {@code ": "}, or {@code ","} and
 * newlines when indenting), on non-ASCII left as is ({@code ensure_ascii=False}, which transformers
 * uses), and on insertion-ordered keys.
 */
final class PythonJson {

    /** How to print: the {@code json.dumps} arguments that chat templates use. */
    record Options(String indent, String itemSeparator, String keySeparator, boolean sortKeys, boolean ensureAscii) {

        /** {@code json.dumps(x, ensure_ascii=False)}. */
        static final Options DEFAULT = of(null, null, false, false);

        /**
         * @param indent {@code null}, a number of spaces or a string, as Python accepts
         * @param separators {@code null} or a two-element list {@code (item, key)}
         */
        static Options of(Object indent, List<?> separators, boolean sortKeys, boolean ensureAscii) {
            String indentText = switch (indent) {
                case null -> null;
                case Number n -> " ".repeat(Math.max(0, n.intValue()));
                default -> indent.toString();
            };
            String item = indentText == null ? ", " : ",";
            String key = ": ";
            if (separators != null && separators.size() == 2) {
                item = String.valueOf(separators.get(0));
                key = String.valueOf(separators.get(1));
            }
            return new Options(indentText, item, key, sortKeys, ensureAscii);
        }
    }

    private PythonJson() {
    }

    static String dumps(Object value, Options options) {
        StringBuilder out = new StringBuilder();
        write(out, value, options, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, Options options, int depth) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Double d -> out.append(floatJson(d));
            case Float f -> out.append(floatJson(f));
            case BigDecimal d -> out.append(floatJson(d.doubleValue()));
            case BigInteger i -> out.append(i);
            case Number n -> out.append(n.longValue());
            case CharSequence s -> writeString(out, s.toString(), options.ensureAscii());
            case Map<?, ?> map -> writeObject(out, map, options, depth);
            // dict.items() yields tuples, which json writes as arrays
            case Map.Entry<?, ?> pair -> writeArray(out, Arrays.asList(pair.getKey(), pair.getValue()), options, depth);
            case Iterable<?> items -> writeArray(out, items, options, depth);
            case Object[] items -> writeArray(out, Arrays.asList(items), options, depth);
            default -> writeString(out, PythonValues.str(value), options.ensureAscii());
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map, Options options, int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        if (options.sortKeys()) {
            entries.sort((a, b) -> keyOf(a.getKey()).compareTo(keyOf(b.getKey())));
        }
        out.append('{');
        for (int i = 0; i < entries.size(); i++) {
            out.append(i == 0 ? "" : options.itemSeparator());
            newline(out, options, depth + 1);
            writeString(out, keyOf(entries.get(i).getKey()), options.ensureAscii());
            out.append(options.keySeparator());
            write(out, entries.get(i).getValue(), options, depth + 1);
        }
        newline(out, options, depth);
        out.append('}');
    }

    private static void writeArray(StringBuilder out, Iterable<?> items, Options options, int depth) {
        Iterator<?> it = items.iterator();
        if (!it.hasNext()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        while (it.hasNext()) {
            out.append(first ? "" : options.itemSeparator());
            first = false;
            newline(out, options, depth + 1);
            write(out, it.next(), options, depth + 1);
        }
        newline(out, options, depth);
        out.append(']');
    }

    private static void newline(StringBuilder out, Options options, int depth) {
        if (options.indent() != null) {
            out.append('\n').append(options.indent().repeat(depth));
        }
    }

    /** Python's json turns keys into strings: True becomes "true", None "null". */
    private static String keyOf(Object key) {
        return switch (key) {
            case null -> "null";
            case Boolean b -> b.toString();
            case Double d -> floatJson(d);
            default -> key.toString();
        };
    }

    private static String floatJson(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PythonValues.floatRepr(d);
    }

    private static void writeString(StringBuilder out, String s, boolean ensureAscii) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) {
                        // UTF-16 units, so characters past U+FFFF become surrogate pairs as in Python
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

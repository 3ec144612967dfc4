package dev.paddock.worker.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites Jinja2 template source into the dialect Jinjava parses, where the two differ in ways
 * real chat templates hit. Only the code inside {@code {{ }}} and {@code {% %}} is touched:
 * <ul>
 * <li>newlines become {@code \n} and one trailing newline is dropped, as Jinja2's lexer does
 * ({@code keep_trailing_newline=False});</li>
 * <li>string literals are decoded with Python's escapes ({@code \u00e9}, {@code \x41}, unknown
 * escapes kept) and re-encoded with the few escapes Jinjava's scanner accepts;</li>
 * <li>a slice with a step, {@code messages[::-1]}, becomes the filter
 * {@code messages|py_slice(none, none, -1)}, since Jinjava's parser knows only {@code [a:b]};</li>
 * <li>{@code }}} and {@code {{} inside an expression get a space between the braces, because
 * Jinjava's scanner, unlike Jinja2's, ends a tag at {@code }}} even inside a dict literal.</li>
 * </ul>
 * Comments and {@code {% raw %}} blocks are copied unchanged.
 */
final class JinjaSource {

    private static final Pattern RAW_START = Pattern.compile("\\{%[-+]?\\s*raw\\s*[-+]?%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");

    private JinjaSource() {
    }

    /**
     * @return the source to hand to Jinjava
     * @throws TemplateException for an unclosed tag, comment, raw block or string literal
     */
    static String prepare(String source) {
        String text = source.replace("\r\n", "\n").replace('\r', '\n');
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("{#", i)) {
                int end = text.indexOf("#}", i + 2);
                if (end < 0) {
                    throw error("unclosed comment", text, i);
                }
                out.append(text, i, end + 2);
                i = end + 2;
            } else if (text.startsWith("{{", i) || text.startsWith("{%", i)) {
                Matcher raw = RAW_START.matcher(text).region(i, text.length());
                if (raw.lookingAt()) {
                    Matcher end = RAW_END.matcher(text);
                    if (!end.find(raw.end())) {
                        throw error("unclosed raw block", text, i);
                    }
                    out.append(text, i, end.end());
                    i = end.end();
                    continue;
                }
                String closing = text.charAt(i + 1) == '{' ? "}}" : "%}";
                int close = findClose(text, i + 2, closing);
                out.append(text, i, i + 2).append(rewriteCode(text, i + 2, close)).append(closing);
                i = close + 2;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** The index of the tag's closing delimiter: outside strings and brackets, as Jinja2's lexer finds it. */
    private static int findClose(String text, int from, String closing) {
        int depth = 0;
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                j = stringEnd(text, j);
            } else if (depth == 0 && text.startsWith(closing, j)) {
                return j;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            }
        }
        throw error("unclosed tag, expected '" + closing + "'", text, from - 2);
    }

    private static String rewriteCode(String text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from + 16);
        int j = from;
        while (j < to) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                int end = stringEnd(text, j);
                out.append(jinjavaLiteral(PythonStringLiteral.decode(text.substring(j + 1, end))));
                j = end + 1;
            } else if (c == '[') {
                int end = matchingBracket(text, j, to);
                if (end < 0) {
                    out.append(text, j, to);
                    break;
                }
                List<int[]> parts = topLevelColonParts(text, j + 1, end);
                if (parts.size() == 3) {
                    out.append("|py_slice(");
                    for (int p = 0; p < 3; p++) {
                        String part = rewriteCode(text, parts.get(p)[0], parts.get(p)[1]).strip();
                        out.append(p == 0 ? "" : ", ").append(part.isEmpty() ? "none" : part);
                    }
                    out.append(')');
                } else {
                    out.append('[').append(rewriteCode(text, j + 1, end)).append(']');
                }
                j = end + 1;
            } else if ((c == '}' || c == '{') && j + 1 < to && text.charAt(j + 1) == c) {
                out.append(c).append(' ');
                j++;
            } else {
                out.append(c);
                j++;
            }
        }
        return out.toString();
    }

    /** The index of the quote that ends the string literal starting at {@code start}. */
    private static int stringEnd(String text, int start) {
        char quote = text.charAt(start);
        for (int j = start + 1; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == quote) {
                return j;
            }
        }
        throw error("unclosed string literal", text, start);
    }

    private static int matchingBracket(String text, int open, int to) {
        int depth = 0;
        for (int j = open; j < to; j++) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                j = stringEnd(text, j);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    return j;
                }
            }
        }
        return -1;
    }

    /** Ranges of {@code text[from, to)} split at colons that are outside nested brackets and strings. */
    private static List<int[]> topLevelColonParts(String text, int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int j = from; j < to; j++) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                j = stringEnd(text, j);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ':' && depth == 0) {
                parts.add(new int[] { start, j });
                start = j + 1;
            }
        }
        parts.add(new int[] { start, to });
        return parts;
    }

    /** A literal Jinjava's scanner reads back as {@code value}: it knows only a few escapes. */
    private static String jinjavaLiteral(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    static TemplateException error(String what, String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new TemplateException("Chat template syntax error at line " + line + ": " + what);
    }
}

package dev.paddock.worker.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites Jinja2 template source into the dialect Jinjava parses. Newlines become {@code \n} and
 * one trailing newline is dropped, as Jinja2's lexer does ({@code keep_trailing_newline=False});
 * the code inside each {@code {{ }}} and {@code {% %}} goes through {@link ExpressionRewriter}.
 * Tags end where Jinja2 ends them, at the first closing delimiter outside strings and brackets.
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
                // whitespace control markers ({%- ... -%}, {%+ ...) are not code
                int codeStart = i + 2 < close && isMarker(text.charAt(i + 2)) ? i + 3 : i + 2;
                int codeEnd = close > codeStart && isMarker(text.charAt(close - 1)) ? close - 1 : close;
                out.append(text, i, codeStart)
                    .append(ExpressionRewriter.rewrite(text, codeStart, codeEnd))
                    .append(text, codeEnd, close + 2);
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

    private static boolean isMarker(char c) {
        return c == '-' || c == '+';
    }

    /** The index of the quote that ends the string literal starting at {@code start}. */
    static int stringEnd(String text, int start) {
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

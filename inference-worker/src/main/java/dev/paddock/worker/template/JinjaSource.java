package dev.paddock.worker.template;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites Jinja2 template source into the dialect Jinjava parses, doing here what Jinjava does
 * differently from Jinja2's lexer:
 * <ul>
 * <li>newlines become {@code \n} and one trailing newline is dropped
 * ({@code keep_trailing_newline=False});</li>
 * <li>{@code trim_blocks} and {@code lstrip_blocks}, as transformers sets them: the newline after
 * a block tag or comment goes, and so do spaces and tabs before one when only they precede it on
 * its line. Jinjava's own {@code lstripBlocks} also strips mid-line ({@code a {% if x %}} loses
 * its space), so it is left off and the {@code +} markers that disable either are resolved
 * here;</li>
 * <li>a tag ends at the first closing delimiter outside strings and brackets;</li>
 * <li>the code inside each tag goes through {@link ExpressionRewriter}.</li>
 * </ul>
 * The {@code -} markers stay, for Jinjava, which handles them as Jinja2 does. Comments and
 * {@code {% raw %}} blocks are copied unchanged.
 */
final class JinjaSource {

    private static final Pattern RAW_START = Pattern.compile("\\{%[-+]?\\s*raw\\s*[-+]?%}");
    private static final Pattern RAW_END = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");

    private final String text;
    private final StringBuilder out;
    /** Where the text since the last tag starts in {@link #out}. */
    private int textStart;
    /** Whether that text starts a line: at the top, or after a trimmed newline (Jinja2's line_starting). */
    private boolean lineStarting = true;

    private JinjaSource(String text) {
        this.text = text;
        this.out = new StringBuilder(text.length() + 64);
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
        return new JinjaSource(text).rewrite();
    }

    private String rewrite() {
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("{#", i) || text.startsWith("{%", i) || text.startsWith("{{", i)) {
                i = tag(i);
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Copies the tag, comment or raw block at {@code start}; returns where the text after it starts. */
    private int tag(int start) {
        char kind = text.charAt(start + 1);
        Matcher raw = RAW_START.matcher(text).region(start, text.length());
        int close;
        int end;
        if (kind == '#') {
            close = text.indexOf("#}", start + 2);
            if (close < 0) {
                throw error("unclosed comment", text, start);
            }
            end = close + 2;
        } else if (raw.lookingAt()) {
            Matcher rawEnd = RAW_END.matcher(text);
            if (!rawEnd.find(raw.end())) {
                throw error("unclosed raw block", text, start);
            }
            close = rawEnd.end() - 2;
            end = rawEnd.end();
        } else {
            close = findClose(text, start + 2, kind == '{' ? "}}" : "%}");
            end = close + 2;
        }
        char openMarker = start + 2 < close ? marker(text.charAt(start + 2)) : 0;
        char closeMarker = close - 1 > start + 1 ? marker(text.charAt(close - 1)) : 0;
        boolean block = kind != '{';
        if (block && openMarker == 0) {
            lstripBlock();
        }
        int bodyStart = openMarker == 0 ? start + 2 : start + 3;
        int bodyEnd = closeMarker == 0 ? close : close - 1;
        out.append(text, start, start + 2).append(openMarker == '-' ? "-" : "");
        if (kind == '#' || raw.lookingAt()) {
            out.append(text, bodyStart, bodyEnd);
        } else {
            out.append(ExpressionRewriter.rewrite(text, bodyStart, bodyEnd));
        }
        out.append(closeMarker == '-' ? "-" : "").append(text, close, end);
        lineStarting = false;
        if (block && closeMarker == 0 && end < text.length() && text.charAt(end) == '\n') {
            end++;
            lineStarting = true;
        }
        textStart = out.length();
        return end;
    }

    /** lstrip_blocks: drop the spaces and tabs before a block tag if nothing else precedes it on its line. */
    private void lstripBlock() {
        int newline = out.lastIndexOf("\n");
        int lineStart = newline >= textStart ? newline + 1 : lineStarting ? textStart : -1;
        if (lineStart < 0 || lineStart >= out.length()) {
            return;
        }
        for (int k = lineStart; k < out.length(); k++) {
            if (!PythonValues.isSpace(out.charAt(k))) {
                return;
            }
        }
        out.setLength(lineStart);
    }

    private static char marker(char c) {
        return c == '-' || c == '+' ? c : 0;
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

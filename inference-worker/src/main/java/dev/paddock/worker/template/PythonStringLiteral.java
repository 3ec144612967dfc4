package dev.paddock.worker.template;

/**
 * Decodes the body of a Jinja2 string literal the way Jinja2 does (Python's
 * {@code unicode-escape}): {@code \n}, {@code \t}, {@code \x41}, {@code \u00e9},
 * {@code \N{BULLET}}, octal escapes and so on; an unknown escape such as {@code \d} is kept as
 * written.
 */
final class PythonStringLiteral {

    private PythonStringLiteral() {
    }

    static String decode(String body) {
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c != '\\' || i >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(i++);
            switch (e) {
                case '\n' -> {
                    // a backslash before a newline continues the line
                }
                case '\\', '\'', '"' -> out.append(e);
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case 'x' -> i = appendHex(out, body, i, 2);
                case 'u' -> i = appendHex(out, body, i, 4);
                case 'U' -> i = appendHex(out, body, i, 8);
                case 'N' -> i = appendNamed(out, body, i);
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i - 1;
                        while (end < body.length() && end < i + 2 && body.charAt(end) >= '0' && body.charAt(end) <= '7') {
                            end++;
                        }
                        out.appendCodePoint(Integer.parseInt(body.substring(i - 1, end), 8));
                        i = end;
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int appendHex(StringBuilder out, String body, int from, int digits) {
        int end = from + digits;
        if (end > body.length() || !body.substring(from, end).matches("[0-9a-fA-F]+")) {
            throw new TemplateException("Chat template syntax error: truncated \\" + body.charAt(from - 1)
                + " escape in a string literal");
        }
        out.appendCodePoint(Integer.parseInt(body.substring(from, end), 16));
        return end;
    }

    private static int appendNamed(StringBuilder out, String body, int from) {
        int close = body.indexOf('}', from);
        if (from >= body.length() || body.charAt(from) != '{' || close < 0) {
            throw new TemplateException("Chat template syntax error: malformed \\N{...} escape");
        }
        try {
            out.appendCodePoint(Character.codePointOf(body.substring(from + 1, close)));
        } catch (IllegalArgumentException e) {
            throw new TemplateException("Chat template syntax error: unknown character name in \\N{...}", e);
        }
        return close + 1;
    }
}

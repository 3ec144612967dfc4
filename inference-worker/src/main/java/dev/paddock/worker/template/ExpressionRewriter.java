package dev.paddock.worker.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the code of one tag from Jinja2's expression syntax to the Jinjava equivalent where the
 * two parse differently:
 * <ul>
 * <li>{@code not} binds looser than comparisons and tests in Jinja2 ({@code not x is defined} is
 * {@code not (x is defined)}), tighter in Jinjava, so its operand gets parentheses;</li>
 * <li>a keyword argument is a whole expression in Jinja2 ({@code namespace(i=messages|length - 1)}),
 * so its value gets parentheses;</li>
 * <li>a slice with a step, {@code messages[::-1]}, becomes the filter
 * {@code messages|py_slice(none, none, -1)}, as Jinjava knows only {@code [a:b]};</li>
 * <li>string literals are decoded with Python's escapes ({@code \u00e9}, {@code \x41}) and
 * re-encoded with the few escapes Jinjava's scanner accepts;</li>
 * <li>{@code }}} and {@code {{} get a space between the braces, because Jinjava's scanner ends an
 * expression at {@code }}} even inside a dict literal; so does {@code +} before a digit, which
 * Jinjava's scanner reads as a unary operator ({@code x+1} would not parse).</li>
 * </ul>
 */
final class ExpressionRewriter {

    /** Words that end the operand of {@code not}: everything binding looser than it. */
    private static final Set<String> NOT_OPERAND_END = Set.of("and", "or", "if", "else");
    private static final Pattern KEYWORD_ARGUMENT = Pattern.compile("\\s*[A-Za-z_]\\w*\\s*=(?!=)");
    private static final Pattern SIMPLE_VALUE = Pattern.compile("\\s*(\\w+|'[^'\\\\]*'|\"[^\"\\\\]*\"|-?[\\d.]+)\\s*");

    private final String text;
    private final boolean macroDefinition;

    private ExpressionRewriter(String text, boolean macroDefinition) {
        this.text = text;
        this.macroDefinition = macroDefinition;
    }

    /** The Jinjava form of {@code text[from, to)}, the code between a tag's delimiters. */
    static String rewrite(String text, int from, int to) {
        boolean macro = text.substring(from, to).strip().matches("(?s)(macro|call)\\b.*");
        return new ExpressionRewriter(text, macro).code(from, to);
    }

    private String code(int from, int to) {
        StringBuilder out = new StringBuilder(to - from + 16);
        String lastWord = "";
        int j = from;
        while (j < to) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                int end = JinjaSource.stringEnd(text, j);
                out.append(jinjavaLiteral(PythonStringLiteral.decode(text.substring(j + 1, end))));
                j = end + 1;
                lastWord = "";
            } else if (c == '[' || c == '(') {
                int end = matchingBracket(j, to);
                if (end < 0) {
                    out.append(text, j, to);
                    break;
                }
                out.append(c == '[' ? subscript(j + 1, end) : parenthesized(j + 1, end));
                j = end + 1;
                lastWord = "";
            } else if (isWordStart(j)) {
                int end = j;
                while (end < to && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String word = text.substring(j, end);
                if (word.equals("not") && !lastWord.equals("is") && !nextWordIs(end, to, "in")) {
                    int operandEnd = notOperandEnd(end, to);
                    out.append("not (").append(code(end, operandEnd).strip()).append(") ");
                    j = operandEnd;
                } else {
                    out.append(word);
                    j = end;
                }
                lastWord = word;
            } else if ((c == '}' || c == '{') && j + 1 < to && text.charAt(j + 1) == c) {
                out.append(c).append(' ');
                j++;
            } else if (c == '+' && j + 1 < to && Character.isDigit(text.charAt(j + 1)) && !isExponent(j)) {
                // Jinjava lexes "+1" as its own abs operator, so "x+1" would not parse
                out.append("+ ");
                j++;
            } else {
                out.append(c);
                j++;
                if (!Character.isWhitespace(c)) {
                    lastWord = "";
                }
            }
        }
        return out.toString();
    }

    /** {@code [...]}: an index, a slice {@code [a:b]}, or a slice with a step, rewritten to py_slice. */
    private String subscript(int from, int to) {
        List<int[]> parts = split(from, to, ':');
        if (parts.size() != 3) {
            return "[" + code(from, to) + "]";
        }
        StringBuilder out = new StringBuilder("|py_slice(");
        for (int p = 0; p < 3; p++) {
            String part = code(parts.get(p)[0], parts.get(p)[1]).strip();
            out.append(p == 0 ? "" : ", ").append(part.isEmpty() ? "none" : part);
        }
        return out.append(')').toString();
    }

    /** {@code (...)}: a group, a tuple or call arguments; keyword argument values get parentheses. */
    private String parenthesized(int from, int to) {
        StringBuilder out = new StringBuilder("(");
        List<int[]> parts = split(from, to, ',');
        for (int p = 0; p < parts.size(); p++) {
            int start = parts.get(p)[0];
            int end = parts.get(p)[1];
            out.append(p == 0 ? "" : ",");
            Matcher keyword = KEYWORD_ARGUMENT.matcher(text).region(start, end);
            if (!macroDefinition && keyword.lookingAt()
                    && !SIMPLE_VALUE.matcher(text).region(keyword.end(), end).matches()) {
                out.append(text, start, keyword.end()).append('(').append(code(keyword.end(), end).strip()).append(')');
            } else {
                out.append(code(start, end));
            }
        }
        return out.append(')').toString();
    }

    /** Where the operand of a {@code not} ends: at and/or/if/else, a comma or a closing bracket. */
    private int notOperandEnd(int from, int to) {
        int depth = 0;
        for (int j = from; j < to; j++) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                j = JinjaSource.stringEnd(text, j);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth-- == 0) {
                    return j;
                }
            } else if (depth == 0 && c == ',') {
                return j;
            } else if (depth == 0 && isWordStart(j)) {
                int end = j;
                while (end < to && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                if (NOT_OPERAND_END.contains(text.substring(j, end))) {
                    return j;
                }
                j = end - 1;
            }
        }
        return to;
    }

    private boolean isWordStart(int j) {
        char c = text.charAt(j);
        if (!(Character.isLetter(c) || c == '_')) {
            return false;
        }
        char before = j > 0 ? text.charAt(j - 1) : ' ';
        return !(Character.isLetterOrDigit(before) || before == '_' || before == '.');
    }

    /** Whether the {@code +} at {@code j} is the sign of a float's exponent, as in {@code 1e+20}. */
    private boolean isExponent(int j) {
        return j >= 2 && (text.charAt(j - 1) == 'e' || text.charAt(j - 1) == 'E') && Character.isDigit(text.charAt(j - 2));
    }

    private boolean nextWordIs(int from, int to, String word) {
        int j = from;
        while (j < to && Character.isWhitespace(text.charAt(j))) {
            j++;
        }
        int end = j + word.length();
        return text.startsWith(word, j) && (end >= to || !Character.isLetterOrDigit(text.charAt(end)));
    }

    private int matchingBracket(int open, int to) {
        int depth = 0;
        for (int j = open; j < to; j++) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                j = JinjaSource.stringEnd(text, j);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** Ranges of {@code text[from, to)} split at {@code separator} outside nested brackets and strings. */
    private List<int[]> split(int from, int to, char separator) {
        List<int[]> parts = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int j = from; j < to; j++) {
            char c = text.charAt(j);
            if (c == '\'' || c == '"') {
                j = JinjaSource.stringEnd(text, j);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == separator && depth == 0) {
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
}

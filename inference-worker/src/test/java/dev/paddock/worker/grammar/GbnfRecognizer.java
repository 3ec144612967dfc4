package dev.paddock.worker.grammar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test helper: parses a GBNF grammar the way llama.cpp does and decides whether a string is in
 * its language. It deliberately mirrors llama.cpp's strictness (rule-name characters, the escape
 * set, repetition limits, undefined rules, left recursion) so tests catch grammars llama.cpp
 * would refuse.
 *
 * <p>Matching computes, for every expression and start position, the set of possible end
 * positions (memoised), which handles ambiguity and is polynomial for test-sized inputs.
 */
final class GbnfRecognizer {

    /** llama.cpp's MAX_REPETITION_THRESHOLD. */
    private static final int MAX_REPETITION = 2000;

    sealed interface Expr permits Literal, CharClass, AnyChar, Ref, Choice, Sequence, Repeat {
    }

    record Literal(List<Integer> codePoints) implements Expr {
    }

    record CharClass(boolean negated, List<int[]> ranges) implements Expr {
        boolean matches(int cp) {
            boolean inside = ranges.stream().anyMatch(range -> cp >= range[0] && cp <= range[1]);
            return inside != negated;
        }
    }

    record AnyChar() implements Expr {
    }

    record Ref(String name) implements Expr {
    }

    record Choice(List<Expr> options) implements Expr {
    }

    record Sequence(List<Expr> items) implements Expr {
    }

    /** {@code max} is -1 for unbounded. */
    record Repeat(Expr expr, int min, int max) implements Expr {
    }

    private final Map<String, Expr> rules;

    private GbnfRecognizer(Map<String, Expr> rules) {
        this.rules = rules;
    }

    /** Parses {@code grammar}; throws IllegalArgumentException where llama.cpp would fail to parse. */
    static GbnfRecognizer parse(String grammar) {
        Map<String, Expr> rules = new Parser(grammar).parseGrammar();
        if (!rules.containsKey("root")) {
            throw new IllegalArgumentException("grammar has no root rule");
        }
        return new GbnfRecognizer(rules);
    }

    Set<String> ruleNames() {
        return rules.keySet();
    }

    /** Whether the whole of {@code input} can be derived from {@code root}. */
    boolean accepts(String input) {
        int[] codePoints = input.codePoints().toArray();
        return new Matcher(codePoints).ends(new Ref("root"), 0).contains(codePoints.length);
    }

    /** Recursive-descent parser following llama.cpp's llama_grammar_parser. */
    private static final class Parser {
        private final String src;
        private final Map<String, Expr> rules = new LinkedHashMap<>();
        private final Set<String> referenced = new HashSet<>();
        private int pos;

        Parser(String src) {
            this.src = src;
        }

        Map<String, Expr> parseGrammar() {
            skipSpace(true);
            while (pos < src.length()) {
                parseRule();
            }
            referenced.stream().filter(name -> !rules.containsKey(name)).findFirst().ifPresent(name -> {
                throw new IllegalArgumentException("undefined rule " + name);
            });
            return rules;
        }

        private void parseRule() {
            String name = parseName();
            skipSpace(false);
            if (!src.startsWith("::=", pos)) {
                throw error("expecting ::=");
            }
            pos += 3;
            skipSpace(true);
            Expr body = parseAlternates(false);
            if (rules.putIfAbsent(name, body) != null) {
                throw error("rule " + name + " defined twice");
            }
            if (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                throw error("expecting newline or end");
            }
            skipSpace(true);
        }

        private Expr parseAlternates(boolean nested) {
            List<Expr> options = new ArrayList<>();
            options.add(parseSequence(nested));
            while (peek() == '|') {
                pos++;
                skipSpace(true);
                options.add(parseSequence(nested));
            }
            return options.size() == 1 ? options.getFirst() : new Choice(options);
        }

        private Expr parseSequence(boolean nested) {
            List<Expr> items = new ArrayList<>();
            while (pos < src.length() && parseItem(items)) {
                skipSpace(nested);
            }
            return items.size() == 1 ? items.getFirst() : new Sequence(items);
        }

        /** Adds one symbol, or applies a postfix operator; false at whatever ends a sequence. */
        private boolean parseItem(List<Expr> items) {
            char c = src.charAt(pos);
            if (c == '*' || c == '+' || c == '?' || c == '{') {
                if (items.isEmpty()) {
                    throw error("expecting preceding item to */+/?/{");
                }
                items.add(parseRepetition(items.removeLast()));
                return true;
            }
            Expr symbol = parseSymbol(c);
            if (symbol != null) {
                items.add(symbol);
            }
            return symbol != null;
        }

        private Expr parseSymbol(char c) {
            return switch (c) {
                case '"' -> parseLiteral();
                case '[' -> parseClass();
                case '(' -> parseGroup();
                case '.' -> {
                    pos++;
                    yield new AnyChar();
                }
                default -> isWordChar(c) ? parseRef() : null;
            };
        }

        private Expr parseGroup() {
            pos++;
            skipSpace(true);
            Expr group = parseAlternates(true);
            if (peek() != ')') {
                throw error("expecting )");
            }
            pos++;
            return group;
        }

        private Expr parseRef() {
            String name = parseName();
            referenced.add(name);
            return new Ref(name);
        }

        private Expr parseRepetition(Expr previous) {
            char c = src.charAt(pos++);
            return switch (c) {
                case '*' -> new Repeat(previous, 0, -1);
                case '+' -> new Repeat(previous, 1, -1);
                case '?' -> new Repeat(previous, 0, 1);
                default -> parseBraces(previous);
            };
        }

        private Expr parseBraces(Expr previous) {
            skipSpace(false);
            int min = parseInt();
            skipSpace(false);
            int max = min;
            if (peek() == ',') {
                pos++;
                skipSpace(false);
                max = Character.isDigit(peek()) ? parseInt() : -1;
                skipSpace(false);
            }
            if (peek() != '}') {
                throw error("expecting }");
            }
            pos++;
            if (min > MAX_REPETITION) {
                throw error("number of repetitions exceeds sane defaults");
            }
            return new Repeat(previous, min, max > MAX_REPETITION ? -1 : max);
        }

        private Expr parseLiteral() {
            pos++;
            List<Integer> codePoints = new ArrayList<>();
            while (peek() != '"') {
                if (pos >= src.length()) {
                    throw error("unexpected end of input");
                }
                codePoints.add(parseChar());
            }
            pos++;
            return new Literal(codePoints);
        }

        private Expr parseClass() {
            pos++;
            boolean negated = peek() == '^';
            if (negated) {
                pos++;
            }
            List<int[]> ranges = new ArrayList<>();
            while (peek() != ']') {
                if (pos >= src.length()) {
                    throw error("unexpected end of input");
                }
                int low = parseChar();
                int high = low;
                if (peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                    pos++;
                    high = parseChar();
                }
                ranges.add(new int[] {low, high});
            }
            pos++;
            return new CharClass(negated, ranges);
        }

        private int parseChar() {
            if (src.charAt(pos) != '\\') {
                int cp = src.codePointAt(pos);
                pos += Character.charCount(cp);
                return cp;
            }
            char kind = pos + 1 < src.length() ? src.charAt(pos + 1) : 0;
            pos += 2;
            return switch (kind) {
                case 'x' -> parseHex(2);
                case 'u' -> parseHex(4);
                case 'U' -> parseHex(8);
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'n' -> '\n';
                case '\\', '"', '[', ']', '-' -> kind;
                default -> throw error("unknown escape \\" + kind);
            };
        }

        private int parseHex(int digits) {
            if (pos + digits > src.length()) {
                throw error("expecting " + digits + " hex chars");
            }
            String hex = src.substring(pos, pos + digits);
            if (!hex.matches("[0-9a-fA-F]+")) {
                throw error("expecting " + digits + " hex chars");
            }
            pos += digits;
            return Integer.parseUnsignedInt(hex, 16);
        }

        private String parseName() {
            int start = pos;
            while (pos < src.length() && isWordChar(src.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expecting name");
            }
            return src.substring(start, pos);
        }

        private int parseInt() {
            int start = pos;
            while (Character.isDigit(peek())) {
                pos++;
            }
            if (start == pos) {
                throw error("expecting an int");
            }
            return Integer.parseInt(src.substring(start, pos));
        }

        private void skipSpace(boolean newlineOk) {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '#') {
                    while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                        pos++;
                    }
                } else if (c == ' ' || c == '\t' || (newlineOk && (c == '\n' || c == '\r'))) {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private char peek() {
            return pos < src.length() ? src.charAt(pos) : 0;
        }

        private static boolean isWordChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        }

        private IllegalArgumentException error(String message) {
            int end = Math.min(src.length(), pos + 40);
            return new IllegalArgumentException(message + " at offset " + pos + ": " + src.substring(pos, end));
        }
    }

    /** End-position sets per (expression, start), memoised; detects left recursion. */
    private final class Matcher {
        private final int[] input;
        private final Map<Expr, Map<Integer, Set<Integer>>> memo = new IdentityHashMap<>();
        private final Map<String, Set<Integer>> inProgress = new HashMap<>();

        Matcher(int[] input) {
            this.input = input;
        }

        Set<Integer> ends(Expr expr, int pos) {
            Set<Integer> known = memo.computeIfAbsent(expr, e -> new HashMap<>()).get(pos);
            if (known != null) {
                return known;
            }
            Set<Integer> result = compute(expr, pos);
            memo.get(expr).put(pos, result);
            return result;
        }

        private Set<Integer> compute(Expr expr, int pos) {
            return switch (expr) {
                case Literal literal -> literal(literal, pos);
                case CharClass chars -> pos < input.length && chars.matches(input[pos]) ? Set.of(pos + 1) : Set.of();
                case AnyChar any -> pos < input.length ? Set.of(pos + 1) : Set.of();
                case Ref ref -> rule(ref.name(), pos);
                case Choice choice -> choice(choice, pos);
                case Sequence sequence -> sequence(sequence, pos);
                case Repeat repeat -> repeat(repeat, pos);
            };
        }

        private Set<Integer> literal(Literal literal, int pos) {
            List<Integer> cps = literal.codePoints();
            if (pos + cps.size() > input.length) {
                return Set.of();
            }
            for (int i = 0; i < cps.size(); i++) {
                if (input[pos + i] != cps.get(i)) {
                    return Set.of();
                }
            }
            return Set.of(pos + cps.size());
        }

        private Set<Integer> rule(String name, int pos) {
            Set<Integer> active = inProgress.computeIfAbsent(name, n -> new HashSet<>());
            if (!active.add(pos)) {
                throw new IllegalStateException("left recursion through rule " + name);
            }
            try {
                return ends(rules.get(name), pos);
            } finally {
                active.remove(pos);
            }
        }

        private Set<Integer> choice(Choice choice, int pos) {
            Set<Integer> result = new HashSet<>();
            choice.options().forEach(option -> result.addAll(ends(option, pos)));
            return result;
        }

        private Set<Integer> sequence(Sequence sequence, int pos) {
            Set<Integer> current = Set.of(pos);
            for (Expr item : sequence.items()) {
                Set<Integer> next = new HashSet<>();
                current.forEach(p -> next.addAll(ends(item, p)));
                current = next;
            }
            return current;
        }

        private Set<Integer> repeat(Repeat repeat, int pos) {
            Set<Integer> result = new HashSet<>();
            if (repeat.min() == 0) {
                result.add(pos);
            }
            Set<Integer> frontier = Set.of(pos);
            Set<Integer> seen = new HashSet<>(frontier);
            for (int count = 1; !frontier.isEmpty() && (repeat.max() < 0 || count <= repeat.max()); count++) {
                Set<Integer> next = new HashSet<>();
                frontier.forEach(p -> next.addAll(ends(repeat.expr(), p)));
                if (repeat.max() < 0 && count >= repeat.min()) {
                    // Unbounded: positions already explored cannot lead anywhere new.
                    next.removeAll(seen);
                    seen.addAll(next);
                }
                if (count >= repeat.min()) {
                    result.addAll(next);
                }
                frontier = next;
            }
            return result;
        }
    }
}

package dev.paddock.worker.grammar;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grammar for an object key that is any JSON string <em>except</em> a given set of names.
 *
 * <p>Used for additional properties next to declared ones: without it a model could repeat a
 * declared key as an "additional" one and produce a duplicate key. GBNF has no negation, so the
 * names go into a trie and each trie node allows either continuing along a name or diverging
 * with a character no name has at that position; a node that ends a name may not end the key.
 *
 * <p>Characters are compared as written in JSON (so {@code \n} is one unit). Escape sequences
 * always count as diverging, so a name is only excluded up to its first escape, and a key that
 * spells a declared name with a Unicode escape instead of a plain letter slips through;
 * both are rare enough not to justify a much larger grammar.
 */
final class KeyExclusion {

    /** A JSON escape sequence or a single code point: one "character" of escaped JSON text. */
    private static final Pattern UNIT = Pattern.compile("\\\\u[0-9a-fA-F]{4}|\\\\.|.", Pattern.DOTALL);

    /** Characters that can never appear unescaped in a JSON string. */
    private static final String FORBIDDEN = "\"\\\\\\x00-\\x1F\\x7F";

    private static final class Node {
        private final Map<String, Node> children = new TreeMap<>();
        private boolean endsName;
    }

    private KeyExclusion() {
    }

    /** A body matching a quoted JSON string (plus whitespace) that is none of {@code names}. */
    static String body(Collection<String> names, RuleSet rules) {
        Node root = new Node();
        names.forEach(name -> insert(root, JsonStrings.escapedContent(name)));
        String quote = Gbnf.literal("\"");
        String content = expression(root, rules.primitive(Primitive.CHAR), rules.primitive(Primitive.ESCAPE));
        return Gbnf.seq(quote, content, quote, rules.primitive(Primitive.SPACE));
    }

    private static void insert(Node root, String escaped) {
        Node node = root;
        Matcher units = UNIT.matcher(escaped);
        while (units.find()) {
            node = node.children.computeIfAbsent(units.group(), unit -> new Node());
        }
        node.endsName = true;
    }

    private static String expression(Node node, String charRule, String escapeRule) {
        if (node.children.isEmpty()) {
            // A complete name: the key must go on for at least one more character.
            return node.endsName ? charRule + "+" : "";
        }
        List<String> alternatives = new ArrayList<>();
        node.children.forEach((unit, child) ->
                alternatives.add(Gbnf.seq(Gbnf.literal(unit), expression(child, charRule, escapeRule))));
        alternatives.add(Gbnf.seq(divergingChar(node, escapeRule), charRule + "*"));
        String group = Gbnf.group(String.join(" | ", alternatives));
        // Stopping at a strict prefix of a name is fine; stopping at a whole name is not.
        return node.endsName ? group : group + "?";
    }

    /** Any JSON string character that does not continue a name through this node. */
    private static String divergingChar(Node node, String escapeRule) {
        StringBuilder plain = new StringBuilder("[^").append(FORBIDDEN);
        node.children.keySet().stream()
                .filter(unit -> !unit.startsWith("\\"))
                .forEach(unit -> plain.append(Gbnf.classMember(unit.codePointAt(0))));
        plain.append(']');
        // Escapes always diverge here: excluding single escape sequences is not worth the grammar size.
        return Gbnf.group(plain + " | \"\\\\\" " + escapeRule);
    }
}

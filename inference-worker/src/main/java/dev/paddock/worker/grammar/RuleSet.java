package dev.paddock.worker.grammar;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules of one grammar under construction. Names are unique and valid GBNF identifiers;
 * identical bodies share one rule, which keeps grammars for repetitive schemas small.
 * Insertion order is kept so the output is deterministic for a given schema.
 */
final class RuleSet {

    static final String ROOT = "root";

    private final Map<String, String> bodies = new LinkedHashMap<>();
    private final Map<String, String> namesByBody = new HashMap<>();

    /**
     * Returns a symbol for {@code body}: the body itself when it already is a single rule name,
     * the existing rule with the same body, or a new rule named after {@code hint}.
     */
    String symbol(String hint, String body) {
        if (Gbnf.isIdentifier(body)) {
            return body;
        }
        String known = namesByBody.get(body);
        if (known != null) {
            return known;
        }
        String name = reserve(hint);
        define(name, body);
        return name;
    }

    /** Claims a fresh name whose body comes later, as needed for recursive $ref targets. */
    String reserve(String hint) {
        String base = Gbnf.ruleName(hint);
        String name = base;
        for (int n = 1; bodies.containsKey(name) || Primitive.isReserved(name); n++) {
            name = base + "-" + n;
        }
        bodies.put(name, null);
        return name;
    }

    void define(String name, String body) {
        bodies.put(name, body);
        namesByBody.putIfAbsent(body, name);
    }

    /** Adds a primitive rule (and the primitives it uses) if missing; returns its name. */
    String primitive(Primitive primitive) {
        String name = primitive.ruleName();
        if (!bodies.containsKey(name)) {
            // Define before visiting dependencies: value, object and array refer to each other.
            define(name, primitive.body());
            primitive.dependencies().forEach(this::primitive);
        }
        return name;
    }

    /** The grammar text, root rule first, one rule per line. */
    String render() {
        if (bodies.get(ROOT) == null) {
            throw new IllegalStateException("grammar has no root rule");
        }
        StringBuilder out = new StringBuilder();
        appendRule(out, ROOT);
        bodies.keySet().stream().filter(name -> !name.equals(ROOT)).forEach(name -> appendRule(out, name));
        return out.toString();
    }

    private void appendRule(StringBuilder out, String name) {
        String body = bodies.get(name);
        if (body == null) {
            throw new IllegalStateException("rule " + name + " was reserved but never defined");
        }
        out.append(name).append(" ::= ").append(body).append('\n');
    }
}

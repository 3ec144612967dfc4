package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paddock.worker.grammar.Members.Member;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Grammar for {@code "type": "object"}. Properties appear in declaration order; required ones
 * must be present, optional ones may be left out. Names listed in {@code required} but absent
 * from {@code properties} are required with any value.
 *
 * <p>Unlike JSON Schema, an object that declares {@code properties} is <em>closed</em> unless it
 * says {@code additionalProperties: true} or gives a schema for them: letting a model invent
 * extra keys is rarely what a caller wants (llama.cpp makes the same choice). An object without
 * {@code properties} accepts any members unless {@code additionalProperties} says otherwise.
 */
final class ObjectRules {

    private final SchemaConverter converter;
    private final RuleSet rules;

    ObjectRules(SchemaConverter converter, RuleSet rules) {
        this.converter = converter;
        this.rules = rules;
    }

    String convert(ObjectNode schema, SchemaPath path, String hint) {
        ObjectNode properties = Keywords.objectOrEmpty(schema, "properties", path);
        Set<String> required = requiredNames(schema, path);
        JsonNode additional = schema.get("additionalProperties");
        if (properties.isEmpty() && required.isEmpty() && (additional == null || additional.equals(
                schema.booleanNode(true)))) {
            return rules.primitive(Primitive.OBJECT);
        }
        List<Member> members = declaredMembers(properties, required, path, hint);
        additionalMember(schema, properties, required, path, hint).ifPresent(members::add);
        String space = rules.primitive(Primitive.SPACE);
        return Gbnf.seq("\"{\"", space, Members.layout(members, space), "\"}\"", space);
    }

    private static Set<String> requiredNames(ObjectNode schema, SchemaPath path) {
        JsonNode required = schema.path("required");
        Set<String> names = new LinkedHashSet<>();
        if (!required.isMissingNode() && !required.isArray()) {
            throw new GrammarException("'required' must be an array of property names", path);
        }
        for (JsonNode name : required) {
            if (!name.isTextual()) {
                throw new GrammarException("'required' must be an array of property names", path);
            }
            names.add(name.textValue());
        }
        return names;
    }

    private List<Member> declaredMembers(ObjectNode properties, Set<String> required, SchemaPath path, String hint) {
        List<Member> members = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String name = property.getKey();
            boolean mandatory = required.contains(name);
            SchemaPath propertyPath = path.child("properties").child(name);
            if (property.getValue().equals(properties.booleanNode(false))) {
                // A property whose schema is false can only be satisfied by leaving it out.
                if (mandatory) {
                    throw new GrammarException("required property '" + name + "' has schema false", propertyPath);
                }
                continue;
            }
            String valueHint = childHint(hint, name);
            String value = converter.nested(property.getValue(), propertyPath, valueHint);
            members.add(new Member(pair(name, value, valueHint), mandatory, false));
        }
        required.stream().filter(name -> !properties.has(name)).forEach(name -> members.add(
                new Member(pair(name, rules.primitive(Primitive.VALUE), childHint(hint, name)), true, false)));
        return members;
    }

    private String pair(String name, String valueSymbol, String valueHint) {
        String space = rules.primitive(Primitive.SPACE);
        String body = Gbnf.seq(Gbnf.literal(JsonStrings.quote(name)), space, "\":\"", space, valueSymbol);
        return rules.symbol(valueHint + "-kv", body);
    }

    private Optional<Member> additionalMember(ObjectNode schema, ObjectNode properties, Set<String> required,
                                              SchemaPath path, String hint) {
        JsonNode additional = schema.get("additionalProperties");
        boolean allowed = additional == null ? properties.isEmpty() : !additional.equals(schema.booleanNode(false));
        if (!allowed) {
            return Optional.empty();
        }
        String value = additional == null || additional.isBoolean()
                ? rules.primitive(Primitive.VALUE)
                : converter.nested(additional, path.child("additionalProperties"), childHint(hint, "additional"));
        Set<String> declared = new LinkedHashSet<>(Keywords.names(properties));
        declared.addAll(required);
        String key = declared.isEmpty()
                ? rules.primitive(Primitive.STRING)
                : rules.symbol(childHint(hint, "additional-key"), KeyExclusion.body(declared, rules));
        String body = Gbnf.seq(key, "\":\"", rules.primitive(Primitive.SPACE), value);
        return Optional.of(new Member(rules.symbol(childHint(hint, "additional-kv"), body), false, true));
    }

    /** Rules for the root's members are named after the member alone, nested ones get a prefix. */
    static String childHint(String hint, String child) {
        return hint.equals(RuleSet.ROOT) ? child : hint + "-" + child;
    }
}

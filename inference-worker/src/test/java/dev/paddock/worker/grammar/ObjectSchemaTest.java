package dev.paddock.worker.grammar;

import org.junit.jupiter.api.Test;

class ObjectSchemaTest {

    @Test
    void requiredPropertiesAreMandatoryAndOptionalOnesMayBeOmitted() {
        GrammarFixture.forSchema("""
                {'type': 'object',
                 'properties': {'name': {'type': 'string'}, 'age': {'type': 'integer'}, 'tag': {'type': 'string'}},
                 'required': ['age']}""")
                .accepts("{'age': 3}", "{'name': 'x', 'age': 3}", "{'age': 3, 'tag': 't'}",
                        "{'name': 'x', 'age': 3, 'tag': 't'}")
                .rejects("{}", "{'name': 'x'}", "{'name': 'x', 'tag': 't'}", "{'age': '3'}");
    }

    @Test
    void propertiesFollowDeclarationOrder() {
        GrammarFixture.forSchema("""
                {'type': 'object', 'properties': {'a': {'type': 'integer'}, 'b': {'type': 'integer'}},
                 'required': ['a', 'b']}""")
                .accepts("{'a': 1, 'b': 2}")
                .rejects("{'b': 2, 'a': 1}", "{'a': 1}", "{'a': 1, 'b': 2, 'a': 1}");
    }

    @Test
    void commasOnlySeparatePresentMembersWhenAllAreOptional() {
        GrammarFixture.forSchema("""
                {'type': 'object', 'properties': {'a': {'type': 'integer'}, 'b': {'type': 'integer'},
                 'c': {'type': 'integer'}}}""")
                .accepts("{}", "{'a': 1}", "{'b': 2}", "{'c': 3}", "{'a': 1, 'c': 3}", "{'b': 2, 'c': 3}",
                        "{'a': 1, 'b': 2, 'c': 3}")
                .rejects("{,}", "{, 'a': 1}", "{'a': 1,}", "{'a': 1 'b': 2}", "{'a': 1,, 'c': 3}");
    }

    @Test
    void objectsWithPropertiesAreClosedByDefault() {
        GrammarFixture.forSchema("{'type': 'object', 'properties': {'a': {'type': 'boolean'}}}")
                .accepts("{'a': true}", "{}")
                .rejects("{'a': true, 'b': 1}", "{'b': 1}");
    }

    @Test
    void additionalPropertiesTrueAllowsExtraMembersButNotDuplicatesOfDeclaredOnes() {
        GrammarFixture.forSchema("""
                {'type': 'object', 'properties': {'id': {'type': 'integer'}}, 'required': ['id'],
                 'additionalProperties': true}""")
                .accepts("{'id': 1}", "{'id': 1, 'x': [1, {}]}", "{'id': 1, 'i': null, 'idx': 2, 'x': 'y'}",
                        "{'id': 1, '': 0}")
                .rejects("{'x': 1}", "{'id': 1, 'id': 2}", "{'x': 1, 'id': 1}");
    }

    @Test
    void additionalPropertiesSchemaConstrainsExtraValues() {
        GrammarFixture.forSchema("{'type': 'object', 'additionalProperties': {'type': 'integer'}}")
                .accepts("{}", "{'a': 1}", "{'a': 1, 'b': -2}")
                .rejects("{'a': 'x'}", "{'a': 1, 'b': true}");
    }

    @Test
    void additionalPropertiesFalseWithoutPropertiesMeansTheEmptyObject() {
        GrammarFixture.forSchema("{'type': 'object', 'additionalProperties': false}")
                .accepts("{}", "{ }")
                .rejects("{'a': 1}");
    }

    @Test
    void plainObjectTypeAcceptsAnyObject() {
        GrammarFixture.forSchema("{'type': 'object'}")
                .accepts("{}", "{'a': {'b': [1, 2.5, 'c', null, false]}}")
                .rejects("[]", "'x'", "{'a'}", "{'a': }");
    }

    @Test
    void nestedObjectsAreConstrainedToo() {
        GrammarFixture.forSchema("""
                {'type': 'object', 'properties': {
                  'user': {'type': 'object', 'properties': {'id': {'type': 'integer'}}, 'required': ['id']}},
                 'required': ['user']}""")
                .accepts("{'user': {'id': 7}}")
                .rejects("{'user': {}}", "{'user': {'id': 'seven'}}", "{'user': 7}");
    }

    @Test
    void requiredNamesWithoutASchemaTakeAnyValue() {
        GrammarFixture.forSchema("{'type': 'object', 'properties': {'a': {'type': 'integer'}}, 'required': ['b']}")
                .accepts("{'b': [true]}", "{'a': 1, 'b': 'x'}")
                .rejects("{'a': 1}");
    }

    @Test
    void propertyWithSchemaFalseMustBeLeftOut() {
        GrammarFixture.forSchema("{'type': 'object', 'properties': {'a': false, 'b': {'type': 'null'}}}")
                .accepts("{'b': null}", "{}")
                .rejects("{'a': 1}");
    }

    @Test
    void keysNeedingJsonEscapesAreWrittenEscaped() {
        // The key is: say "hi" followed by a newline.
        GrammarFixture.forSchema("{'type': 'object', 'properties': {'say \\'hi\\'\\n': {'type': 'integer'}}, "
                + "'required': ['say \\'hi\\'\\n']}")
                .acceptsExactly("{\"say \\\"hi\\\"\\n\": 1}")
                .rejectsExactly("{\"say \"hi\"\n\": 1}");
    }

    @Test
    void typeIsInferredFromObjectKeywords() {
        GrammarFixture.forSchema("{'properties': {'a': {'const': 1}}, 'required': ['a']}")
                .accepts("{'a': 1}")
                .rejects("{'a': 2}", "1");
    }
}

package dev.paddock.worker.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompositionSchemaTest {

    @Test
    void enumOfMixedValues() {
        GrammarFixture.forSchema("{'enum': ['red', 'green', 3, null, true, [1, 'a'], {'k': 'v'}]}")
                .accepts("'red'", "'green'", "3", "null", "true", "[1, 'a']", "[1,'a']", "{'k': 'v'}")
                .rejects("'blue'", "'Red'", "4", "false", "[1]", "{'k': 'w'}", "{}");
    }

    @Test
    void enumValuesOfTheWrongTypeAreDropped() {
        GrammarFixture.forSchema("{'type': 'string', 'enum': ['a', 1, 'b']}")
                .accepts("'a'", "'b'")
                .rejects("1");
    }

    @Test
    void enumStringsNeedingEscapes() {
        GrammarFixture.forSchema("{'enum': ['tab\\there', 'caf\u00e9']}")
                .acceptsExactly("\"tab\\there\"")
                .acceptsExactly("\"caf\u00e9\"")
                .rejectsExactly("\"tab\there\"");
    }

    @Test
    void constOfAnyValue() {
        GrammarFixture.forSchema("{'const': {'version': 2, 'tags': []}}")
                .accepts("{'version': 2, 'tags': []}", "{ 'version' : 2 , 'tags' : [ ] }")
                .rejects("{'tags': [], 'version': 2}", "{'version': 2}");
        GrammarFixture.forSchema("{'type': 'string', 'const': 'fixed'}")
                .accepts("'fixed'")
                .rejects("'other'");
    }

    @Test
    void anyOfAndOneOfAreAlternatives() {
        for (String keyword : new String[] {"anyOf", "oneOf"}) {
            GrammarFixture.forSchema("{'" + keyword + "': [{'type': 'integer'}, "
                            + "{'type': 'object', 'properties': {'a': {'type': 'string'}}, 'required': ['a']}]}")
                    .accepts("5", "{'a': 'x'}")
                    .rejects("'5'", "{}", "[5]");
        }
    }

    @Test
    void constraintsNextToAnyOfApplyToEveryBranch() {
        GrammarFixture.forSchema("""
                {'type': 'object', 'required': ['kind'],
                 'anyOf': [{'properties': {'kind': {'const': 'a'}, 'x': {'type': 'integer'}}},
                           {'properties': {'kind': {'const': 'b'}, 'y': {'type': 'string'}}}]}""")
                .accepts("{'kind': 'a', 'x': 1}", "{'kind': 'b', 'y': 'z'}", "{'kind': 'b'}")
                .rejects("{'kind': 'a', 'y': 'z'}", "{'x': 1}", "{'kind': 'c'}");
    }

    @Test
    void allOfMergesObjects() {
        GrammarFixture.forSchema("""
                {'$defs': {'Base': {'type': 'object', 'properties': {'id': {'type': 'integer'}}, 'required': ['id']}},
                 'allOf': [{'$ref': '#/$defs/Base'},
                           {'properties': {'name': {'type': 'string'}}, 'required': ['name']}]}""")
                .accepts("{'id': 1, 'name': 'n'}")
                .rejects("{'id': 1}", "{'name': 'n'}", "{'name': 'n', 'id': 1}");
    }

    @Test
    void allOfIntersectsTypesAndPropertySchemas() {
        GrammarFixture.forSchema("""
                {'allOf': [{'type': ['number', 'string']}, {'type': 'integer'}]}""")
                .accepts("12")
                .rejects("1.5", "'x'");
        GrammarFixture.forSchema("""
                {'allOf': [{'properties': {'a': {'type': 'array'}}},
                           {'properties': {'a': {'maxItems': 1}}, 'required': ['a']}]}""")
                .accepts("{'a': []}", "{'a': [1]}")
                .rejects("{'a': [1, 2]}", "{}");
    }

    @Test
    void allOfIntersectsEnums() {
        GrammarFixture.forSchema("""
                {'allOf': [{'$ref': '#/definitions/foo'}, {'$ref': '#/definitions/bar'}],
                 'definitions': {'foo': {'type': 'string', 'enum': ['a', 'b', 'c']},
                                 'bar': {'type': 'string', 'enum': ['b', 'c', 'd']}}}""")
                .accepts("'b'", "'c'")
                .rejects("'a'", "'d'");
    }

    @Test
    void typeArraysAndNullable() {
        GrammarFixture.forSchema("{'type': ['string', 'null'], 'maxLength': 2}")
                .accepts("'ab'", "null")
                .rejects("'abc'", "1");
        GrammarFixture.forSchema("{'type': 'integer', 'nullable': true}")
                .accepts("1", "null")
                .rejects("'1'");
        GrammarFixture.forSchema("{'type': 'object', 'properties': {'v': {'type': 'integer', 'nullable': false}}}")
                .accepts("{'v': 1}")
                .rejects("{'v': null}");
    }

    @Test
    void recursiveRefDescribesATree() {
        GrammarFixture tree = GrammarFixture.forSchema("""
                {'$ref': '#/$defs/Node',
                 '$defs': {'Node': {'type': 'object',
                   'properties': {'value': {'type': 'integer'},
                                  'children': {'type': 'array', 'items': {'$ref': '#/$defs/Node'}}},
                   'required': ['value']}}}""");
        tree.accepts("{'value': 1}", "{'value': 1, 'children': []}",
                        "{'value': 1, 'children': [{'value': 2}, {'value': 3, 'children': [{'value': 4}]}]}")
                .rejects("{'value': 1, 'children': [{}]}", "{'value': 1, 'children': [{'value': 'x'}]}",
                        "{'children': []}");
        assertThat(tree.recognizer().ruleNames()).contains("Node");
    }

    @Test
    void refsIntoDefinitionsAndToTheRootRecurse() {
        GrammarFixture.forSchema("""
                {'definitions': {'name': {'type': 'string', 'maxLength': 3}},
                 'type': 'object',
                 'properties': {'name': {'$ref': '#/definitions/name'}, 'next': {'$ref': '#'}},
                 'required': ['name']}""")
                .accepts("{'name': 'a'}", "{'name': 'a', 'next': {'name': 'b', 'next': {'name': 'c'}}}")
                .rejects("{'name': 'abcd'}", "{'name': 'a', 'next': {}}");
    }

    @Test
    void mutuallyRecursiveRefsThroughAnyOf() {
        GrammarFixture.forSchema("""
                {'$defs': {'Expr': {'anyOf': [{'type': 'integer'}, {'$ref': '#/$defs/Sum'}]},
                           'Sum': {'type': 'object', 'properties': {'plus': {'type': 'array',
                                   'items': {'$ref': '#/$defs/Expr'}, 'minItems': 2}}, 'required': ['plus']}},
                 '$ref': '#/$defs/Expr'}""")
                .accepts("1", "{'plus': [1, 2]}", "{'plus': [1, {'plus': [2, 3]}]}")
                .rejects("{'plus': [1]}", "{'plus': [1, {'plus': []}]}");
    }

    @Test
    void refWithPercentEncodingAndSiblingConstraints() {
        GrammarFixture.forSchema("""
                {'$defs': {'a b': {'type': 'array', 'items': {'type': 'integer'}}},
                 'type': 'object', 'properties': {'x': {'$ref': '#/%24defs/a%20b', 'maxItems': 1,
                                                        'description': 'siblings constrain the target'}}}""")
                .accepts("{'x': [1]}")
                .rejects("{'x': [1, 2]}", "{'x': ['a']}");
    }

    @Test
    void emptySchemaAndTrueMeanAnyValue() {
        for (String schema : new String[] {"{}", "true", "{'description': 'anything'}"}) {
            GrammarFixture.forSchema(schema)
                    .accepts("1", "'s'", "null", "[{'a': [true, {}]}]", "{'k': -1.5e3}")
                    .rejects("", "nul", "[1,]", "{'a' 1}", "'unterminated");
        }
    }

    @Test
    void anyJsonObjectGrammar() {
        GrammarFixture.forGrammar(JsonSchemaGrammar.anyJsonObject())
                .accepts("{}", "{'a': 1, 'b': [null, {'c': 'd'}]}", "{\n  'x': true\n}")
                .rejects("[]", "1", "'x'", "{'a': 1", "{'a': 1}}", "{a: 1}");
    }
}

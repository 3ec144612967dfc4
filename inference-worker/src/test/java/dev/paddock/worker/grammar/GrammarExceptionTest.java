package dev.paddock.worker.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrammarExceptionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {'type': 'object', 'properties': {'x': {'if': {'type': 'string'}}}}       | unsupported JSON Schema keyword 'if' at /properties/x
            {'type': 'string', 'pattern': '^a+$'}                                    | unsupported JSON Schema keyword 'pattern' at (root)
            {'type': 'array', 'items': {'not': {'type': 'null'}}}                    | unsupported JSON Schema keyword 'not' at /items
            {'type': 'array', 'uniqueItems': true}                                   | unsupported JSON Schema keyword 'uniqueItems' at (root)
            {'anyOf': [{'type': 'null'}, {'patternProperties': {}}]}                 | unsupported JSON Schema keyword 'patternProperties' at /anyOf/1
            {'properties': {'a/b~c': {'minProperties': 1}}}                          | unsupported JSON Schema keyword 'minProperties' at /properties/a~1b~0c
            {'properties': {'a': {'$ref': 'https://example.com/s.json'}}}            | unsupported non-local $ref 'https://example.com/s.json' at /properties/a
            {'properties': {'a': {'$ref': '#/$defs/Missing'}}}                       | unresolvable $ref '#/$defs/Missing' at /properties/a
            {'$defs': {'A': {'$ref': '#/$defs/A'}}, '$ref': '#/$defs/A'}             | $ref '#/$defs/A' recurses without consuming any input at /$defs/A
            {'$defs': {'L': {'anyOf': [{'$ref': '#'}]}}, '$ref': '#/$defs/L'}        | $ref '#' recurses without consuming any input at /$defs/L/anyOf/0
            {'items': [{'type': 'string'}], 'minItems': 2}                           | minItems 2 exceeds the number of elements the schema allows at (root)
            {'type': 'array', 'minItems': 3, 'maxItems': 2}                          | minItems 3 exceeds maxItems 2 at (root)
            {'type': 'string', 'maxLength': -1}                                      | 'maxLength' must be a non-negative integer at (root)
            {'type': 'string', 'minLength': 5000}                                    | minLength 5000 exceeds the supported maximum of 2000 at (root)
            {'properties': {'a': {'type': 'text'}}}                                  | unknown type 'text' at /properties/a
            {'properties': {'a': false}, 'required': ['a']}                          | required property 'a' has schema false at /properties/a
            {'items': false, 'minItems': 1}                                          | minItems 1 exceeds the number of elements the schema allows at (root)
            {'properties': {'a': {'type': 'string', 'enum': [1, 2]}}}                | no const/enum value has the declared type [string] at /properties/a
            {'allOf': [{'type': 'string'}, {'type': 'integer'}]}                     | the combined schemas have no type in common at (root)
            {'allOf': [{'maxLength': 1}, {'maxLength': 2}]}                          | the combined schemas disagree on 'maxLength' at (root)
            {'allOf': [{'enum': [1, 2]}, {'enum': [3]}]}                             | the combined schemas have no enum value in common at (root)
            {'$defs': {'A': {'allOf': [{'$ref': '#/$defs/A'}]}}, '$ref': '#/$defs/A'} | $ref '#/$defs/A' includes itself through allOf at /$defs/A/allOf/0
            {'anyOf': [], 'type': 'string'}                                          | 'anyOf' must be a non-empty array at (root)
            {'properties': {'a': 5}}                                                 | schema must be an object or a boolean at /properties/a
            {'type': 'object', 'anyOf': [false, false]}                              | every anyOf branch is false, so nothing matches at (root)
            {'allOf': [{'type': 'object'}, false]}                                   | schema 'false' matches nothing, so the combined schema cannot either at /allOf/1
            {'oneOf': [{'type': 'null'}], 'anyOf': [{'type': 'null'}]}               | unsupported combination of anyOf and oneOf at (root)
            {'type': 'object', 'anyOf': [{'type': 'string'}]}                        | the combined schemas have no type in common at /anyOf/0
            false                                                                    | schema 'false' matches nothing at (root)
            """)
    void messagesNameTheJsonPointer(String schema, String message) {
        assertThatThrownBy(() -> JsonSchemaGrammar.fromSchema(GrammarFixture.json(schema)))
                .isInstanceOf(GrammarException.class)
                .hasMessage(message);
    }

    @Test
    void pointerIsAvailableProgrammatically() {
        assertThatThrownBy(() -> JsonSchemaGrammar.fromSchema(GrammarFixture.json("{'items': {'then': {}}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .isInstanceOfSatisfying(GrammarException.class, e -> assertThat(e.pointer()).isEqualTo("/items"));
    }

    @Test
    void falseBranchesOfAnyOfAreDropped() {
        GrammarFixture.forSchema("{'anyOf': [false, {'type': 'null'}]}")
                .accepts("null")
                .rejects("1");
    }

    @Test
    void falseSchemaForItemsMeansNoElements() {
        GrammarFixture.forSchema("{'type': 'array', 'items': false}")
                .accepts("[]")
                .rejects("[1]");
    }
}

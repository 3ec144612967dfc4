package dev.paddock.worker.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Properties of the grammar text itself: names, determinism, sharing. */
class GrammarShapeTest {

    private static final String SCHEMA = """
            {'$defs': {'Point': {'type': 'object', 'properties': {'x': {'type': 'number'}, 'y': {'type': 'number'}},
                                  'required': ['x', 'y']},
                       'snake_case name': {'type': 'string', 'maxLength': 4}},
             'type': 'object',
             'properties': {'from': {'$ref': '#/$defs/Point'}, 'to': {'$ref': '#/$defs/Point'},
                            'first.label': {'type': 'string', 'maxLength': 8},
                            'second label': {'type': 'string', 'maxLength': 8},
                            'value': {'type': 'integer'}, 'space': {'type': 'array', 'maxItems': 2},
                            'alias': {'$ref': '#/$defs/snake_case name'}},
             'required': ['from', 'to']}""";

    @Test
    void ruleNamesAreValidIdentifiersAndDefinedOnce() {
        String grammar = JsonSchemaGrammar.fromSchema(GrammarFixture.json(SCHEMA));
        List<String> names = Arrays.stream(grammar.split("\n")).map(line -> line.substring(0, line.indexOf(" ::= ")))
                .toList();
        assertThat(names).first().isEqualTo("root");
        assertThat(names).allMatch(name -> name.matches("[a-zA-Z0-9-]+")).doesNotHaveDuplicates();
        assertThat(names).contains("Point", "snake-case-name", "space", "space-1");
        assertThat(grammar).isEqualTo(JsonSchemaGrammar.fromSchema(GrammarFixture.json(SCHEMA)));
    }

    @Test
    void identicalSubschemasShareOneRule() {
        String grammar = JsonSchemaGrammar.fromSchema(GrammarFixture.json(SCHEMA));
        assertThat(grammar).contains("first-label ::= ").doesNotContain("second-label ::= ");
        assertThat(grammar.lines().filter(line -> line.contains("char{0,8}"))).hasSize(1);
        assertThat(grammar.lines().filter(line -> line.startsWith("Point ::= "))).hasSize(1);
    }

    @Test
    void grammarIsUsable() {
        GrammarFixture.forSchema(SCHEMA)
                .accepts("{'from': {'x': 1, 'y': 2}, 'to': {'x': -1.5, 'y': 0}, 'second label': 'abc', "
                        + "'space': [1, 2], 'alias': 'abcd'}")
                .rejects("{'from': {'x': 1, 'y': 2}, 'to': {'x': 1}}", "{'from': {'x': 1, 'y': 2}, "
                        + "'to': {'x': 1, 'y': 2}, 'alias': 'abcde'}");
    }

    @Test
    void onlyUsedPrimitivesAreEmitted() {
        String grammar = JsonSchemaGrammar.fromSchema(GrammarFixture.json("{'type': 'boolean'}"));
        assertThat(grammar).isEqualTo("""
                root ::= boolean
                boolean ::= ( "true" | "false" ) space
                space ::= ( " " | "\\n" [ \\t]{0,20} )?
                """);
    }

    @Test
    void anyJsonObjectHasARootObjectRule() {
        assertThat(JsonSchemaGrammar.anyJsonObject()).startsWith("root ::= object\n").contains("value ::= ");
    }
}

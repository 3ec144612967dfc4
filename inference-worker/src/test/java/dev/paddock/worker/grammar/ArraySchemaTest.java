package dev.paddock.worker.grammar;

import org.junit.jupiter.api.Test;

class ArraySchemaTest {

    @Test
    void itemsConstrainEveryElement() {
        GrammarFixture.forSchema("{'type': 'array', 'items': {'type': 'integer'}}")
                .accepts("[]", "[1]", "[1, -2, 30]", "[ 1 ,2 ]")
                .rejects("[1,]", "[,1]", "['1']", "[1.5]", "[1 2]", "{}");
    }

    @Test
    void minAndMaxItemsBoundTheLength() {
        GrammarFixture.forSchema("{'type': 'array', 'items': {'type': 'boolean'}, 'minItems': 2, 'maxItems': 3}")
                .accepts("[true, false]", "[true, false, true]")
                .rejects("[]", "[true]", "[true, false, true, false]");
    }

    @Test
    void maxItemsAloneAllowsTheEmptyArray() {
        GrammarFixture.forSchema("{'type': 'array', 'maxItems': 1}")
                .accepts("[]", "[{'any': 'thing'}]")
                .rejects("[1, 2]");
    }

    @Test
    void maxItemsZeroOnlyAllowsTheEmptyArray() {
        GrammarFixture.forSchema("{'type': 'array', 'items': {'type': 'string'}, 'maxItems': 0}")
                .accepts("[]")
                .rejects("['a']");
    }

    @Test
    void nestedArraysCarryTheirOwnBounds() {
        GrammarFixture.forSchema("""
                {'type': 'array', 'minItems': 1, 'maxItems': 2,
                 'items': {'type': 'array', 'items': {'type': 'number'}, 'minItems': 2, 'maxItems': 2}}""")
                .accepts("[[1, 2]]", "[[1, 2], [3.5, -4e2]]")
                .rejects("[]", "[[1]]", "[[1, 2, 3]]", "[[1, 2], [3, 4], [5, 6]]", "[[1, 'x']]");
    }

    @Test
    void prefixItemsDescribeATupleThatIsClosedByDefault() {
        GrammarFixture.forSchema("{'type': 'array', 'prefixItems': [{'type': 'string'}, {'type': 'integer'}]}")
                .accepts("[]", "['a']", "['a', 1]")
                .rejects("[1]", "['a', 'b']", "['a', 1, 2]");
    }

    @Test
    void prefixItemsWithItemsAndMinItems() {
        GrammarFixture.forSchema("""
                {'type': 'array', 'prefixItems': [{'const': 'op'}], 'items': {'type': 'integer'},
                 'minItems': 2, 'maxItems': 3}""")
                .accepts("['op', 1]", "['op', 1, 2]")
                .rejects("['op']", "['op', 1, 2, 3]", "[1, 2]", "['op', 'x']");
    }

    @Test
    void legacyArrayFormOfItemsIsATuple() {
        GrammarFixture.forSchema("""
                {'type': 'array', 'items': [{'type': 'null'}, {'type': 'boolean'}],
                 'additionalItems': {'type': 'string'}, 'minItems': 2}""")
                .accepts("[null, true]", "[null, false, 'x', 'y']")
                .rejects("[null]", "[null, true, 1]");
    }

    @Test
    void typeIsInferredFromArrayKeywords() {
        GrammarFixture.forSchema("{'items': {'type': 'string'}}")
                .accepts("['a', 'b']")
                .rejects("[1]", "'a'");
    }
}

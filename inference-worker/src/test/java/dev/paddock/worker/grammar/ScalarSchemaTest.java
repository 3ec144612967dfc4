package dev.paddock.worker.grammar;

import org.junit.jupiter.api.Test;

class ScalarSchemaTest {

    @Test
    void stringsAcceptJsonEscapes() {
        GrammarFixture.forSchema("{'type': 'string'}")
                .acceptsExactly("\"\"")
                .acceptsExactly("\"plain text with 'quotes' and / slashes\"")
                .acceptsExactly("\"esc: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"")
                .acceptsExactly("\"unicode: \u00e9\u4e2d\uD83D\uDE00\"")
                .rejectsExactly("\"unterminated")
                .rejectsExactly("\"bad escape \\x41\"")
                .rejectsExactly("\"short unicode \\u12\"")
                .rejectsExactly("\"a\" \"b\"")
                .rejectsExactly("\"unescaped \" quote\"");
    }

    @Test
    void stringsRejectControlCharacters() {
        GrammarFixture.forSchema("{'type': 'string'}")
                .rejectsExactly("\"line\nbreak\"")
                .rejectsExactly("\"tab\there\"")
                .rejectsExactly("\"nul\u0000\"")
                .rejectsExactly("\"del\u007f\"");
    }

    @Test
    void stringLengthCountsCharactersAndEscapes() {
        GrammarFixture.forSchema("{'type': 'string', 'minLength': 2, 'maxLength': 3}")
                .acceptsExactly("\"ab\"")
                .acceptsExactly("\"abc\"")
                .acceptsExactly("\"a\\n\"")
                .rejectsExactly("\"a\"")
                .rejectsExactly("\"abcd\"");
    }

    @Test
    void stringFormats() {
        GrammarFixture.forSchema("{'type': 'string', 'format': 'date'}")
                .accepts("'2024-02-29'", "'1999-12-31'")
                .rejects("'2024-13-01'", "'2024-00-10'", "'2024-1-1'", "'2024-01-32'", "'x'");
        GrammarFixture.forSchema("{'type': 'string', 'format': 'time'}")
                .accepts("'23:59:59Z'", "'08:00:00.123+02:00'")
                .rejects("'24:00:00Z'", "'12:00:00'", "'12:60:00Z'");
        GrammarFixture.forSchema("{'type': 'string', 'format': 'date-time'}")
                .accepts("'2024-05-06T07:08:09Z'", "'2024-05-06T07:08:09.5-05:30'")
                .rejects("'2024-05-06 07:08:09Z'", "'2024-05-06'");
        GrammarFixture.forSchema("{'type': 'string', 'format': 'uuid'}")
                .accepts("'123e4567-e89b-12d3-a456-426614174000'", "'123E4567-E89B-12D3-A456-426614174000'")
                .rejects("'123e4567e89b12d3a456426614174000'", "'123e4567-e89b-12d3-a456-42661417400g'");
    }

    @Test
    void unknownFormatsAreAnnotationsOnly() {
        GrammarFixture.forSchema("{'type': 'string', 'format': 'email'}")
                .accepts("'not an email'");
    }

    @Test
    void numbersFollowJsonSyntaxIncludingNegativesAndExponents() {
        GrammarFixture.forSchema("{'type': 'number'}")
                .accepts("0", "-0", "7", "-12", "3.25", "-0.5", "1e10", "1E+2", "-2.5e-3", "10.0")
                .rejects("01", "+1", ".5", "1.", "1e", "--1", "0x10", "NaN", "Infinity", "'1'", "1.2.3");
    }

    @Test
    void integersHaveNoFractionOrExponent() {
        GrammarFixture.forSchema("{'type': 'integer'}")
                .accepts("0", "42", "-42")
                .rejects("4.2", "1e3", "007", "-", "true");
    }

    @Test
    void aNonNegativeLowerBoundForbidsTheMinusSign() {
        GrammarFixture.forSchema("{'type': 'integer', 'minimum': 0, 'maximum': 10}")
                .accepts("0", "5", "99")
                .rejects("-1");
        GrammarFixture.forSchema("{'type': 'number', 'exclusiveMinimum': 0}")
                .accepts("0.5", "3e2")
                .rejects("-0.5");
        GrammarFixture.forSchema("{'type': 'integer', 'minimum': -5}")
                .accepts("-100");
    }

    @Test
    void numbersAreBoundedInLength() {
        GrammarFixture.forSchema("{'type': 'number'}")
                .accepts("1234567890123456", "0.1234567890123456")
                .rejects("12345678901234567", "0.12345678901234567");
    }

    @Test
    void booleansAndNull() {
        GrammarFixture.forSchema("{'type': 'boolean'}").accepts("true", "false").rejects("True", "1", "null");
        GrammarFixture.forSchema("{'type': 'null'}").accepts("null").rejects("nil", "false", "'null'");
    }

    @Test
    void whitespaceBetweenTokensIsAllowedButBounded() {
        GrammarFixture.forSchema("{'type': 'object', 'properties': {'a': {'type': 'array'}}, 'required': ['a']}")
                .acceptsExactly("{\"a\":[1,2]}")
                .acceptsExactly("{ \"a\" : [ 1 , 2 ] } ")
                .acceptsExactly("{\n  \"a\": [\n    1,\n    2\n  ]\n}")
                .acceptsExactly("{\n\t\"a\": []\n}")
                .rejectsExactly(" {\"a\": []}")
                .rejectsExactly("{  \"a\": []}")
                .rejectsExactly("{\n\n\"a\": []}")
                .rejectsExactly("{\n" + " ".repeat(21) + "\"a\": []}")
                .rejectsExactly("{\"a\": []}\n\n");
    }
}

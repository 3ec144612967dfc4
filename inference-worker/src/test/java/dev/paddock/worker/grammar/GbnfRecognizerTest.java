package dev.paddock.worker.grammar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The test recognizer must itself be right, or every other test proves nothing. */
class GbnfRecognizerTest {

    @Test
    void matchesLiteralsClassesAndRepetitions() {
        GrammarFixture.forGrammar("""
                root ::= "ab" [0-9]{2,3} tail
                tail ::= ( [^x\\n] | "\\\\" )* "!"
                """)
                .acceptsExactly("ab12!")
                .acceptsExactly("ab123yz\\!")
                .rejectsExactly("ab1!")
                .rejectsExactly("ab12\n!")
                .rejectsExactly("ab12x!")
                .rejectsExactly("ab12");
    }

    @Test
    void handlesAlternativesOptionalsAndEmptyMatches() {
        GrammarFixture.forGrammar("""
                root ::= item ( "," item )* | "none"
                item ::= "a"? ( "b" | ) "c"+
                """)
                .acceptsExactly("c,ac,bcc,abc")
                .acceptsExactly("none")
                .rejectsExactly("")
                .rejectsExactly("c,")
                .rejectsExactly("ab");
    }

    @Test
    void decodesEscapesLikeLlamaCpp() {
        GrammarFixture.forGrammar("root ::= \"\\x41\\u00e9\\U0001F600\\t\\\"\" [\\[\\]\\-]\n")
                .acceptsExactly("A\u00e9\uD83D\uDE00\t\"-")
                .acceptsExactly("A\u00e9\uD83D\uDE00\t\"]")
                .rejectsExactly("A\u00e9\uD83D\uDE00\t\"a");
    }

    @Test
    void supportsRecursionThatConsumesInput() {
        GrammarFixture.forGrammar("root ::= \"(\" root* \")\"\n")
                .acceptsExactly("(()(()))")
                .rejectsExactly("(()");
    }

    @Test
    void rejectsWhatLlamaCppRejects() {
        assertThatThrownBy(() -> GbnfRecognizer.parse("root ::= missing\n"))
                .hasMessageContaining("undefined rule missing");
        assertThatThrownBy(() -> GbnfRecognizer.parse("root ::= \"\\q\"\n"))
                .hasMessageContaining("unknown escape");
        assertThatThrownBy(() -> GbnfRecognizer.parse("root ::= \"a\"{2001}\n"))
                .hasMessageContaining("repetitions");
        assertThatThrownBy(() -> GbnfRecognizer.parse("ro_ot ::= \"a\"\n"))
                .hasMessageContaining("expecting ::=");
        assertThatThrownBy(() -> GbnfRecognizer.parse("item ::= \"a\"\n"))
                .hasMessageContaining("no root");
    }

    @Test
    void detectsLeftRecursion() {
        GbnfRecognizer recognizer = GbnfRecognizer.parse("root ::= x \"a\" | \"b\"\nx ::= root\n");
        assertThatThrownBy(() -> recognizer.accepts("ba")).hasMessageContaining("left recursion");
    }

    @Test
    void newlineEndsATopLevelRuleButNotAGroup() {
        GbnfRecognizer recognizer = GbnfRecognizer.parse("root ::= ( \"a\"\n  \"b\" ) |\n  \"c\"\n");
        assertThat(recognizer.accepts("ab")).isTrue();
        assertThat(recognizer.accepts("c")).isTrue();
        assertThat(recognizer.ruleNames()).containsExactly("root");
    }
}

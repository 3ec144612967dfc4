package dev.paddock.eval.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgeVerdictTest {

    @Test
    void readsLabelledGrades() {
        assertThat(JudgeVerdict.parse("Score: 7", 10)).isEqualTo(0.7);
        assertThat(JudgeVerdict.parse("The answer is fine.\n**Grade:** 8 out of 10", 10)).isEqualTo(0.8);
        assertThat(JudgeVerdict.parse("rating = 4/5 because 3 facts are right", 10)).isEqualTo(0.8);
        assertThat(JudgeVerdict.parse("My verdict is 2.5", 5)).isEqualTo(0.5);
    }

    @Test
    void readsFractionsAndBareNumbersWithinTheScale() {
        assertThat(JudgeVerdict.parse("I'd give it 3/4.", 10)).isEqualTo(0.75);
        assertThat(JudgeVerdict.parse("Of the 12 claims, this earns 9", 10)).isEqualTo(0.9);
        assertThat(JudgeVerdict.parse("6", 10)).isEqualTo(0.6);
    }

    @Test
    void textWithoutAGradeIsNotANumber() {
        assertThat(JudgeVerdict.parse("I cannot judge this.", 10)).isNaN();
        assertThat(JudgeVerdict.parse("Score: 12 out of 10", 10)).isNaN();
        assertThat(JudgeVerdict.parse(null, 10)).isNaN();
    }
}

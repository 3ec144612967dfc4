package dev.paddock.eval.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RougeLTest {

    /**
     * Lin (2004), "ROUGE: A Package for Automatic Evaluation of Summaries", section 3.1: with reference
     * S1 "police killed the gunman", S2 "police kill the gunman" has LCS "police the gunman" and
     * S3 "the gunman kill police" has LCS "the gunman", so with β = 1 their ROUGE-L scores are 3/4 and 2/4.
     */
    @Test
    void scoresLinsPoliceGunmanExample() {
        String s1 = "police killed the gunman";

        assertThat(RougeL.f1("police kill the gunman", s1)).isCloseTo(0.75, within(1e-12));
        assertThat(RougeL.f1("the gunman kill police", s1)).isCloseTo(0.5, within(1e-12));
    }

    /** Worked by hand: LCS("testing one two", "testing this") = 1, precision 1/3, recall 1/2, F1 = 2/5. */
    @Test
    void precisionAndRecallDifferWhenLengthsDiffer() {
        assertThat(RougeL.f1("testing one two", "testing this")).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void identicalTextsScoreOneAndDisjointOrEmptyZero() {
        assertThat(RougeL.f1("Once upon a time, there was a cat.", "once upon a time there was a cat")).isEqualTo(1);
        assertThat(RougeL.f1("a b c", "d e f")).isZero();
        assertThat(RougeL.f1("", "a")).isZero();
    }
}

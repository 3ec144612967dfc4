package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextStreamTest {

    @Test
    void stopStringSplitAcrossTokensIsNeverEmitted() {
        TextStream s = new TextStream(List.of("END"));
        StringBuilder out = new StringBuilder();
        for (String piece : List.of("Hello E", "N", "D and more")) {
            out.append(s.push(piece.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(s.stopped()).isTrue();
        assertThat(out).hasToString("Hello ");
    }

    @Test
    void heldBackTextIsReleasedWhenItCannotBeAStop() {
        TextStream s = new TextStream(List.of("END"));
        assertThat(s.push("Hello E".getBytes(StandardCharsets.UTF_8))).isEqualTo("Hello ");
        assertThat(s.push("x".getBytes(StandardCharsets.UTF_8))).isEqualTo("Ex");
        assertThat(s.stopped()).isFalse();
    }

    @Test
    void earliestOfSeveralStopsWins() {
        TextStream s = new TextStream(List.of("b", "a"));
        assertThat(s.push("xxab".getBytes(StandardCharsets.UTF_8))).isEqualTo("xx");
    }

    @Test
    void multiByteCharacterSplitAcrossTokensIsEmittedWhole() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        TextStream s = new TextStream(List.of());
        assertThat(s.push(Arrays.copyOfRange(euro, 0, 1))).isEmpty();
        assertThat(s.push(Arrays.copyOfRange(euro, 1, 2))).isEmpty();
        assertThat(s.push(Arrays.copyOfRange(euro, 2, 3))).isEqualTo("€");
    }

    @Test
    void finishFlushesHeldText() {
        TextStream s = new TextStream(List.of("STOP"));
        assertThat(s.push("ab ST".getBytes(StandardCharsets.UTF_8))).isEqualTo("ab ");
        assertThat(s.finish()).isEqualTo("ST");
    }

    @Test
    void incompleteTailCountsBytesOfAnUnfinishedSequence() {
        assertThat(TextStream.incompleteTail(new byte[] { 'a' })).isZero();
        assertThat(TextStream.incompleteTail(new byte[] { (byte) 0xE2, (byte) 0x82 })).isEqualTo(2);
        assertThat(TextStream.incompleteTail("€".getBytes(StandardCharsets.UTF_8))).isZero();
    }
}

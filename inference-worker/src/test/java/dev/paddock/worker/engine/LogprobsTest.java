package dev.paddock.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogprobsTest {

    @Test
    void topIndicesAreTheLargestInOrder() {
        float[] v = { 0.1f, 5f, -3f, 2f, 5.5f, 0f };
        assertThat(Logprobs.topIndices(v, 3)).containsExactly(4, 1, 3);
        assertThat(Logprobs.topIndices(v, 0)).isEmpty();
        assertThat(Logprobs.topIndices(v, 10)).containsExactly(4, 1, 3, 0, 5, 2);
    }
}

package dev.paddock.api.inference.v1.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.inference.v1.Priority;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void eachClassHasItsOwnRequestTopicAndWorkerShareGroup() {
        assertThat(Topics.requests("m", Priority.INTERACTIVE)).isEqualTo("paddock.requests.m");
        assertThat(Topics.requests("m", Priority.BATCH)).isEqualTo("paddock.requests.m.batch");
        assertThat(Topics.workerGroup("m", Priority.INTERACTIVE)).isEqualTo("paddock.workers.m");
        assertThat(Topics.workerGroup("m", Priority.BATCH)).isEqualTo("paddock.workers.m.batch");
    }
}

package dev.paddock.eval.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.eval.config.EvalConfig;
import dev.paddock.eval.run.RunResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultStoreTest {

    private static ResultStore keeping(int runs) {
        ResultStore store = new ResultStore();
        store.config = new EvalConfig() {
            @Override
            public Optional<URI> gatewayUrl() {
                return Optional.empty();
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.empty();
            }

            @Override
            public Duration requestTimeout() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int historySize() {
                return runs;
            }

            @Override
            public Duration statusResync() {
                return Duration.ofSeconds(30);
            }

            @Override
            public BootstrapConfig bootstrap() {
                return null;
            }
        };
        return store;
    }

    private static RunResult run(String id, RunResult.State state) {
        return new RunResult(id, "e", Instant.EPOCH, Instant.EPOCH, state, null, 1, List.of(), List.of());
    }

    @Test
    void keepsTheNewestRunsUpToTheHistorySize() {
        ResultStore store = keeping(3);
        for (int i = 1; i <= 5; i++) {
            store.record(run("r" + i, RunResult.State.succeeded));
        }

        assertThat(store.history("e")).extracting(RunResult::id).containsExactly("r3", "r4", "r5");
        assertThat(store.latest("e")).map(RunResult::id).contains("r5");
        assertThat(store.find("e", "r1")).isEmpty();
    }

    @Test
    void latestSucceededSkipsFailedRuns() {
        ResultStore store = keeping(10);
        store.record(run("ok", RunResult.State.succeeded));
        store.record(run("broken", RunResult.State.failed));

        assertThat(store.latest("e")).map(RunResult::id).contains("broken");
        assertThat(store.latestSucceeded("e")).map(RunResult::id).contains("ok");
        store.forget("e");
        assertThat(store.history("e")).isEmpty();
    }
}

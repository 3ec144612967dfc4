package dev.paddock.eval.results;

import dev.paddock.eval.run.RunResult;
import dev.paddock.eval.run.ScoreResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prometheus metrics of the evaluations: {@code paddock_eval_score{model,evaluation,scorer}} (the
 * last successful run's mean, with {@code paddock_eval_score_ci_low}/{@code _ci_high} beside it) and
 * {@code paddock_eval_runs_total{evaluation,outcome}}.
 */
@ApplicationScoped
public class EvalMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<List<String>, AtomicReference<ScoreResult>> scores = new ConcurrentHashMap<>();

    /** Publishes a finished run. */
    public void record(RunResult run) {
        registry.counter("paddock_eval_runs_total", "evaluation", run.evaluation(), "outcome", run.state().name())
                .increment();
        for (ScoreResult s : run.scores()) {
            scores.computeIfAbsent(List.of(s.model(), run.evaluation(), s.scorer()), k -> register(k)).set(s);
        }
    }

    private AtomicReference<ScoreResult> register(List<String> key) {
        AtomicReference<ScoreResult> ref = new AtomicReference<>();
        Tags tags = Tags.of("model", key.get(0), "evaluation", key.get(1), "scorer", key.get(2));
        Gauge.builder("paddock_eval_score", ref, r -> r.get().mean()).tags(tags)
                .description("Mean score of the model on the scorer in the evaluation's last successful run")
                .register(registry);
        Gauge.builder("paddock_eval_score_ci_low", ref, r -> r.get().ciLow()).tags(tags)
                .description("Lower end of the score's bootstrap confidence interval").register(registry);
        Gauge.builder("paddock_eval_score_ci_high", ref, r -> r.get().ciHigh()).tags(tags)
                .description("Upper end of the score's bootstrap confidence interval").register(registry);
        return ref;
    }
}

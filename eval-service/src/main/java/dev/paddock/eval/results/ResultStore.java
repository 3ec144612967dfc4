package dev.paddock.eval.results;

import dev.paddock.eval.config.EvalConfig;
import dev.paddock.eval.run.RunResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The bounded history of runs per evaluation, newest last, kept in memory. */
@ApplicationScoped
public class ResultStore {

    @Inject
    EvalConfig config;

    private final Map<String, Deque<RunResult>> runs = new ConcurrentHashMap<>();

    /** Adds a finished run, dropping the oldest beyond the configured history size. */
    public void record(RunResult run) {
        Deque<RunResult> history = runs.computeIfAbsent(run.evaluation(), k -> new ArrayDeque<>());
        synchronized (history) {
            history.addLast(run);
            while (history.size() > config.historySize()) {
                history.removeFirst();
            }
        }
    }

    /** The runs of an evaluation, oldest first. */
    public List<RunResult> history(String evaluation) {
        Deque<RunResult> history = runs.get(evaluation);
        if (history == null) {
            return List.of();
        }
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The newest run. */
    public Optional<RunResult> latest(String evaluation) {
        List<RunResult> h = history(evaluation);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.getLast());
    }

    /** The newest successful run. */
    public Optional<RunResult> latestSucceeded(String evaluation) {
        return history(evaluation).reversed().stream().filter(r -> r.state() == RunResult.State.succeeded).findFirst();
    }

    /** A run by id. */
    public Optional<RunResult> find(String evaluation, String id) {
        return history(evaluation).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Forgets an evaluation's runs. */
    public void forget(String evaluation) {
        runs.remove(evaluation);
    }
}

package dev.paddock.eval.run;

import dev.paddock.eval.client.OpenAiEndpoint;
import dev.paddock.eval.config.EvalConfig;
import dev.paddock.eval.results.EvalMetrics;
import dev.paddock.eval.results.ResultStore;
import dev.paddock.eval.stats.Bootstrap;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * The evaluations this service knows and their runs: at most one run per evaluation at a time, each
 * on its own virtual thread; a finished run gets its regressions, goes into the history and the
 * metrics, and is handed to the listeners (the reconciler writes it into the resource's status).
 */
@ApplicationScoped
public class EvaluationRuns {

    private static final Logger LOG = Logger.getLogger(EvaluationRuns.class);

    @Inject
    EvalConfig config;
    @Inject
    ResultStore store;
    @Inject
    EvalMetrics metrics;

    private final Map<String, EvaluationDefinition> definitions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<RunResult>> running = new ConcurrentHashMap<>();
    private final List<Consumer<RunResult>> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /** Adds or replaces an evaluation. */
    public void define(EvaluationDefinition def) {
        definitions.put(def.name(), def);
    }

    /** Forgets an evaluation and its history. */
    public void remove(String name) {
        definitions.remove(name);
        store.forget(name);
    }

    /** The known evaluations. */
    public Collection<EvaluationDefinition> all() {
        return List.copyOf(definitions.values());
    }

    /** An evaluation by name. */
    public Optional<EvaluationDefinition> find(String name) {
        return Optional.ofNullable(definitions.get(name));
    }

    /** Whether a run of the evaluation is in progress. */
    public boolean isRunning(String name) {
        CompletableFuture<RunResult> f = running.get(name);
        return f != null && !f.isDone();
    }

    /** Calls {@code listener} with every finished run. */
    public void onFinished(Consumer<RunResult> listener) {
        listeners.add(listener);
    }

    /** Starts a run now, or returns the one in progress. */
    public CompletableFuture<RunResult> start(String name) {
        EvaluationDefinition def = definitions.get(name);
        if (def == null) {
            throw new IllegalArgumentException("no evaluation named " + name);
        }
        return running.compute(name, (k, current) -> current != null && !current.isDone() ? current
                : CompletableFuture.supplyAsync(() -> runNow(def), executor));
    }

    private RunResult runNow(EvaluationDefinition def) {
        LOG.infof("evaluation %s: run started (%s)", def.name(), def.origin());
        RunResult result = runner().run(def);
        result = result.withRegressions(Regressions.find(def.spec(), result, store.latestSucceeded(def.name())));
        store.record(result);
        metrics.record(result);
        RunResult done = result;
        listeners.forEach(l -> l.accept(done));
        if (result.state() == RunResult.State.failed) {
            LOG.warnf("evaluation %s: run failed: %s", def.name(), result.failure());
        } else {
            LOG.infof("evaluation %s: run finished, %d items%s", def.name(), result.items(),
                    result.regressions().isEmpty() ? "" : ", regressions: " + result.regressions());
        }
        return result;
    }

    private EvaluationRunner runner() {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(gateway(), config.apiKey(), config.requestTimeout());
        return new EvaluationRunner(endpoint, new Bootstrap(config.bootstrap().resamples(), config.bootstrap().level()));
    }

    /** The gateway's root: the configured URL, else this process's own port on loopback. */
    public URI gateway() {
        return config.gatewayUrl().orElseGet(() -> {
            String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
            int port = ConfigProvider.getConfig().getOptionalValue(property, Integer.class).orElse(8080);
            return URI.create("http://127.0.0.1:" + port);
        });
    }
}

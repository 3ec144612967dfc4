package dev.paddock.server.eval;

import dev.paddock.api.eval.v1alpha1.EvaluationSpec;
import dev.paddock.eval.dataset.ConfigMapSource;
import dev.paddock.eval.run.EvaluationDefinition;
import dev.paddock.eval.run.EvaluationRuns;
import dev.paddock.eval.schedule.RunScheduler;
import dev.paddock.server.config.ModelCatalogFile;
import dev.paddock.server.config.ServerConfig;
import dev.paddock.server.models.ModelRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code evaluations:} of paddock.yaml, handed to the in-process eval service at startup; their
 * schedules start once every model is loaded (a scheduled run before that would only meet 503s). The eval service then calls this
 * server's own OpenAI API over loopback HTTP, like any client, at batch priority.
 */
@ApplicationScoped
public class LocalEvaluations {

    @Inject
    ServerConfig config;
    @Inject
    ModelRegistry models;
    @Inject
    RunScheduler scheduler;

    @Inject
    EvaluationRuns runs;

    private final AtomicBoolean scheduled = new AtomicBoolean();

    // after the registry (default priority) has read and checked the same file
    void onStart(@Observes @Priority(3000) StartupEvent event) {
        if (config.config().isEmpty()) {
            return;
        }
        Path file = config.config().get().toAbsolutePath();
        List<EvaluationSpec> specs = ModelCatalogFile.read(file).evaluations;
        if (specs.isEmpty()) {
            return;
        }
        List<EvaluationDefinition> defs = specs.stream().map(s -> new EvaluationDefinition(s.name, s, file.getParent(),
                ConfigMapSource.NONE, file.toString())).toList();
        defs.forEach(runs::define);
        Runnable scheduleAll = () -> {
            if (models.allReady() && scheduled.compareAndSet(false, true)) {
                defs.forEach(scheduler::define);
            }
        };
        models.onModelReady(scheduleAll);
        scheduleAll.run();
    }
}

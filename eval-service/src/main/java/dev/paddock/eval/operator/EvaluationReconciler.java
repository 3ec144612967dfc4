package dev.paddock.eval.operator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.eval.v1alpha1.Evaluation;
import dev.paddock.api.eval.v1alpha1.EvaluationStatus;
import dev.paddock.eval.config.EvalConfig;
import dev.paddock.eval.results.ResultStore;
import dev.paddock.eval.run.EvaluationDefinition;
import dev.paddock.eval.run.EvaluationRuns;
import dev.paddock.eval.schedule.CronSchedule;
import dev.paddock.eval.schedule.RunScheduler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reconciles {@code Evaluation} resources: defines each valid one in the eval service (its schedule
 * included), starts one run per spec generation, and writes the runs' outcome into the status (last
 * run, scores, Ready and Regressed, observedGeneration), patching it only when it changed. Runs go on
 * in the background; the reconciler never waits for them and looks again every status-resync period.
 * The finalizer exists for the schedule, state outside the cluster that deletion must stop.
 */
@ControllerConfiguration(name = "evaluation")
public class EvaluationReconciler implements Reconciler<Evaluation>, Cleaner<Evaluation> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EvaluationRuns runs;
    @Inject
    RunScheduler scheduler;
    @Inject
    ResultStore store;
    @Inject
    KubernetesClient client;
    @Inject
    EvalConfig config;

    private final Map<String, Long> definedGeneration = new ConcurrentHashMap<>();

    @Override
    public UpdateControl<Evaluation> reconcile(Evaluation resource, Context<Evaluation> context) {
        String name = resource.evaluationName();
        long generation = resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
        List<String> problems = problems(resource);
        EvaluationStatus desired;
        if (!problems.isEmpty()) {
            forget(name);
            desired = StatusBuilder.invalid(generation, problems, resource.getStatus());
        } else {
            defineAndStart(resource, name, generation);
            desired = StatusBuilder.of(generation, store.latest(name), store.latestSucceeded(name),
                    scheduler.nextRun(name), resource.getSpec().baseline != null, resource.getStatus());
        }
        UpdateControl<Evaluation> control;
        if (same(desired, resource.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            resource.setStatus(desired);
            control = UpdateControl.patchStatus(resource);
        }
        return control.rescheduleAfter(config.statusResync());
    }

    @Override
    public DeleteControl cleanup(Evaluation resource, Context<Evaluation> context) {
        forget(resource.evaluationName());
        return DeleteControl.defaultDelete();
    }

    @Override
    public ErrorStatusUpdateControl<Evaluation> updateErrorStatus(Evaluation resource, Context<Evaluation> context,
            Exception e) {
        EvaluationStatus status = StatusBuilder.invalid(resource.getMetadata().getGeneration(),
                List.of("reconcile failed: " + e.getMessage()), resource.getStatus());
        status.conditions.getFirst().setReason("ReconcileError");
        resource.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(resource);
    }

    private void defineAndStart(Evaluation resource, String name, long generation) {
        Long defined = definedGeneration.get(name);
        if (defined != null && defined == generation) {
            return;
        }
        String namespace = resource.getMetadata().getNamespace();
        scheduler.define(new EvaluationDefinition(name, resource.getSpec(), Path.of("/"),
                new ClusterConfigMaps(client, namespace), namespace + "/" + resource.getMetadata().getName()));
        definedGeneration.put(name, generation);
        // a new or changed spec is evaluated at once; then on its schedule
        runs.start(name);
    }

    private void forget(String name) {
        if (definedGeneration.remove(name) != null) {
            scheduler.remove(name);
        }
    }

    private static List<String> problems(Evaluation resource) {
        if (resource.getSpec() == null) {
            return List.of("spec: required");
        }
        List<String> problems = new ArrayList<>(resource.getSpec().validate("spec", false));
        if (resource.getSpec().dataset != null && resource.getSpec().dataset.file != null) {
            problems.add("spec.dataset.file: files are for paddock.yaml; in a cluster use items, configMap or url");
        }
        if (problems.isEmpty() && resource.getSpec().schedule != null) {
            try {
                CronSchedule.parse(resource.getSpec().schedule);
            } catch (IllegalArgumentException e) {
                problems.add("spec.schedule: not a valid cron expression: " + e.getMessage());
            }
        }
        return problems;
    }

    private static boolean same(EvaluationStatus a, EvaluationStatus b) {
        return b != null && JSON.valueToTree(a).equals(JSON.valueToTree(b));
    }
}

package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import dev.paddock.manager.children.Labels;
import dev.paddock.manager.config.ManagerConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reconciles a {@link Model}: places its weights ({@link ModelPlan}), and reports what it found in the
 * status, patched only when it changed. Reconciled again whenever one of its Jobs or its Deployment
 * changes, and every {@code resyncInterval} for queue depth and the idle timeout. On deletion the
 * finalizer ({@link ModelCleanup}) empties the node caches and deletes the topic.
 */
@ControllerConfiguration(name = "model")
// the same rules as the chart's operator ClusterRole (helm/paddock); OperatorRbacTest checks it covers every call
@RBACRule(apiGroups = "", resources = "nodes", verbs = "list")
@RBACRule(apiGroups = "", resources = "pods", verbs = "list")
@RBACRule(apiGroups = "", resources = "pods/log", verbs = "get")
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "create", "delete"})
@RBACRule(apiGroups = "apps", resources = "deployments", verbs = {"get", "list", "watch", "create", "update"})
public class ModelReconciler implements Reconciler<Model>, Cleaner<Model> {

    private final ManagerConfig config;
    private final ModelPlan plan;
    private final ModelCleanup cleanup;

    ModelReconciler(ManagerConfig config, ModelPlan plan, ModelCleanup cleanup) {
        this.config = config;
        this.plan = plan;
        this.cleanup = cleanup;
    }

    @Override
    public UpdateControl<Model> reconcile(Model model, Context<Model> context) throws Exception {
        ModelStatus status = plan.apply(model, context);
        UpdateControl<Model> control;
        if (sameStatus(model.getStatus(), status)) {
            control = UpdateControl.noUpdate();
        } else {
            model.setStatus(status);
            control = UpdateControl.patchStatus(model);
        }
        Duration next = pulling(status) ? min(config.puller().progressPoll(), config.resyncInterval())
                : config.resyncInterval();
        Duration retry = untilRetry(status);
        return control.rescheduleAfter(retry == null ? next : min(retry, next));
    }

    /** Time until the earliest retry of a failed pull (at least 100 ms), or null when none is due. */
    private static Duration untilRetry(ModelStatus status) {
        return status.nodes.stream().filter(n -> n.phase == ModelStatus.NodeCache.Phase.Failed && n.retryAt != null)
                .map(n -> Duration.between(Instant.now(), Instant.parse(n.retryAt)))
                .map(d -> d.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : d)
                .min(Duration::compareTo).orElse(null);
    }

    @Override
    public DeleteControl cleanup(Model model, Context<Model> context) throws Exception {
        return cleanup.run(model, context.getClient());
    }

    @Override
    public ErrorStatusUpdateControl<Model> updateErrorStatus(Model model, Context<Model> context, Exception e) {
        ModelStatus status = model.getStatus() == null ? new ModelStatus() : model.getStatus();
        ModelStatus previous = Serialization.clone(status);
        Conditions.set(status, previous, ModelStatus.READY, false, "ReconcileError", String.valueOf(e.getMessage()),
                model.getMetadata().getGeneration());
        model.setStatus(status);
        return sameStatus(previous, status) ? ErrorStatusUpdateControl.noStatusUpdate()
                : ErrorStatusUpdateControl.patchStatus(model);
    }

    @Override
    public List<EventSource<?, Model>> prepareEventSources(EventSourceContext<Model> context) {
        return List.of(informer(Job.class, context), informer(Deployment.class, context));
    }

    private static <R extends HasMetadata> InformerEventSource<R, Model> informer(Class<R> type,
            EventSourceContext<Model> context) {
        var configuration = InformerEventSourceConfiguration.from(type, Model.class)
                .withLabelSelector(Labels.SELECTOR).withNamespacesInheritedFromController()
                .withSecondaryToPrimaryMapper(ModelReconciler::toModel).build();
        return new InformerEventSource<>(configuration, context);
    }

    /**
     * A child's Model, from its label (cleanup Jobs have no owner reference); for an eviction Job also the
     * Model waiting for the room.
     */
    private static Set<ResourceID> toModel(HasMetadata child) {
        Set<ResourceID> models = new HashSet<>();
        String model = child.getMetadata().getLabels().get(Labels.MODEL);
        if (model != null) {
            models.add(new ResourceID(model, child.getMetadata().getNamespace()));
        }
        String waiting = child.getMetadata().getAnnotations() == null ? null
                : child.getMetadata().getAnnotations().get(Labels.EVICTED_FOR);
        if (waiting != null && waiting.contains("/")) {
            String[] nsName = waiting.split("/", 2);
            models.add(new ResourceID(nsName[1], nsName[0]));
        }
        return models;
    }

    private static boolean pulling(ModelStatus status) {
        return status.nodes.stream().anyMatch(n -> n.phase == ModelStatus.NodeCache.Phase.Pulling);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static boolean sameStatus(ModelStatus a, ModelStatus b) {
        return a != null && Objects.equals(Serialization.asJson(a), Serialization.asJson(b));
    }
}

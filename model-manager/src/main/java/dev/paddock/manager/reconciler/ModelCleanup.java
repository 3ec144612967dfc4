package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.manager.children.CleanupJobs;
import dev.paddock.manager.children.Labels;
import dev.paddock.manager.children.PullJobs;
import dev.paddock.manager.config.ManagerConfig;
import dev.paddock.manager.kafka.RequestTopics;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The finalizer's work when a Model is deleted: one cleanup Job per node that held its weights (the nodes of its
 * status, and those where a pull Job of an earlier source still keeps an old file), the request topic deleted, and
 * the finalizer removed only once every cleanup Job has finished.
 */
@ApplicationScoped
class ModelCleanup {

    private static final Logger LOG = Logger.getLogger(ModelCleanup.class);
    private static final long RECHECK_MILLIS = 2000;

    private final CleanupJobs jobs;
    private final RequestTopics topics;
    private final PullBytes pullBytes;

    ModelCleanup(ManagerConfig config, RequestTopics topics, PullBytes pullBytes) {
        this.jobs = new CleanupJobs(config);
        this.topics = topics;
        this.pullBytes = pullBytes;
    }

    DeleteControl run(Model model, KubernetesClient client) throws RequestTopics.KafkaUnavailable {
        Set<String> nodes = new TreeSet<>();
        if (model.getStatus() != null) {
            model.getStatus().nodes.stream().map((NodeCache n) -> n.node).forEach(nodes::add);
        }
        client.batch().v1().jobs().inNamespace(model.getMetadata().getNamespace())
                .withLabels(Labels.of(model, PullJobs.COMPONENT)).list().getItems().stream()
                .map(Labels::node).filter(Objects::nonNull)
                .forEach(nodes::add);
        pullBytes.retain(model.getMetadata().getNamespace(), model.getMetadata().getName(), Set.of());
        boolean done = true;
        for (String node : nodes) {
            Job job = client.resource(jobs.desired(model, node)).get();
            if (job == null) {
                client.resource(jobs.desired(model, node)).create();
                done = false;
            } else {
                done &= finished(job, node);
            }
        }
        for (String topic : topics.topics(model.servedName())) {
            topics.delete(topic);
        }
        return done ? DeleteControl.defaultDelete() : DeleteControl.noFinalizerRemoval().rescheduleAfter(RECHECK_MILLIS);
    }

    private static boolean finished(Job job, String node) {
        if (JobOutcome.failed(job)) {
            LOG.warnf("cleanup of the cache on node %s failed; the folder stays there", node);
            return true;
        }
        return JobOutcome.succeeded(job);
    }
}

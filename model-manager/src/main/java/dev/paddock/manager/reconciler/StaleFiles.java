package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache.Phase;
import dev.paddock.manager.children.CacheLayout;
import dev.paddock.manager.children.Children;
import dev.paddock.manager.children.CleanupJobs;
import dev.paddock.manager.children.Labels;
import dev.paddock.manager.children.PullJobs;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The weights of a Model's earlier sources in the node caches. A changed source (or sha256) is a new file and a new
 * pull Job; each pull Job of an earlier source tells which file it left on which node. A completed one stays while
 * the file may still be needed: on a node still chosen until the new file is Ready there, and on any node while a
 * worker pod of the model there was started with it. Then a Job pinned to the node removes that file (and its
 * {@code .part}) and the old pull Job is deleted, so the file is removed once and forgotten. A pull of an earlier
 * source that did not complete is deleted at once and its {@code .part} removed the same way; on a node that left the
 * cluster the old pull Job is only deleted (a Job pinned there would never run). While a removal Job of the current
 * file has not finished on a node (a source changed back), that node's pull waits for it.
 */
final class StaleFiles {

    private static final Logger LOG = Logger.getLogger(StaleFiles.class);

    private final KubernetesClient client;
    private final CleanupJobs cleanupJobs;
    private final Model model;
    /** The weights file of the model's current source. */
    private final String current;
    private final List<Job> completed = new ArrayList<>();
    private final Set<String> replacedOn = new HashSet<>();
    private final List<Job> removals;

    private StaleFiles(KubernetesClient client, CleanupJobs cleanupJobs, Model model, List<Job> removals) {
        this.client = client;
        this.cleanupJobs = cleanupJobs;
        this.model = model;
        this.current = CacheLayout.fileName(model);
        this.removals = removals;
    }

    /**
     * Sorts out the model's pull Jobs that are not wanted (other nodes or an earlier source): those of an earlier
     * source that completed on a node of the cluster are kept for {@link #removeUnneeded}, the other ones deleted
     * (an unfinished one's {@code .part} removed).
     *
     * @param unwanted the model's pull Jobs other than the desired ones
     * @param clusterNodes the names of the cluster's nodes
     */
    static StaleFiles sort(KubernetesClient client, CleanupJobs cleanupJobs, Model model, List<Job> unwanted,
            Set<String> clusterNodes) {
        List<Job> removals = client.batch().v1().jobs().inNamespace(model.getMetadata().getNamespace())
                .withLabels(Labels.of(model, CleanupJobs.STALE)).list().getItems();
        StaleFiles stale = new StaleFiles(client, cleanupJobs, model, removals);
        for (Job pull : unwanted) {
            String node = Labels.node(pull);
            String file = PullJobs.file(pull);
            boolean earlierSource = node != null && file != null && !file.equals(stale.current);
            if (earlierSource) {
                stale.replacedOn.add(node);
            }
            if (!earlierSource || !clusterNodes.contains(node)) {
                // the current file on a node no longer chosen stays there, as before (it may be chosen again)
                stale.client.resource(pull).delete();
            } else if (JobOutcome.succeeded(pull)) {
                stale.completed.add(pull);
            } else {
                stale.remove(pull, "an unfinished pull of an earlier source");
            }
        }
        return stale;
    }

    /** Whether a pull Job of an earlier source was found on the node: its status entry told of that source. */
    boolean replacedOn(String node) {
        return replacedOn.contains(node);
    }

    /** Whether a removal of the current file from the node has not finished (the source changed back to it). */
    boolean removingCurrentFile(String node) {
        return removals.stream().anyMatch(j -> node.equals(Labels.node(j)) && !JobOutcome.finished(j)
                && current.equals(j.getMetadata().getAnnotations().get(Labels.STALE_FILE)));
    }

    /**
     * Removes the completed earlier files nothing needs any more: on a node no longer chosen, or where the new file
     * is Ready; and only once no worker pod of the model on that node was started with it.
     */
    void removeUnneeded(List<NodeCache> nodes, CacheUsage usage) {
        Set<String> chosen = nodes.stream().map(n -> n.node).collect(Collectors.toSet());
        Set<String> ready = nodes.stream().filter(n -> n.phase == Phase.Ready).map(n -> n.node)
                .collect(Collectors.toSet());
        for (Job pull : completed) {
            String node = Labels.node(pull);
            boolean replaced = !chosen.contains(node) || ready.contains(node);
            if (replaced && !usage.workerStartedWith(model, node, PullJobs.file(pull))) {
                remove(pull, chosen.contains(node) ? "an earlier source" : "an earlier source; node no longer chosen");
            }
        }
    }

    /** A Job removing the pull Job's file, then the pull Job deleted (a failed delete repeats both, idempotently). */
    private void remove(Job pull, String why) {
        LOG.infof("removing %s of %s/%s (%s) from the cache of node %s", PullJobs.file(pull),
                model.getMetadata().getNamespace(), model.getMetadata().getName(), why, Labels.node(pull));
        Children.apply(client, cleanupJobs.staleFile(model, pull), true);
        client.resource(pull).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
}

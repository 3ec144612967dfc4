package dev.paddock.manager.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache;
import dev.paddock.api.model.v1alpha1.ModelStatus.NodeCache.Phase;
import dev.paddock.manager.children.PullJobs;
import dev.paddock.manager.puller.PullProgress;
import dev.paddock.manager.puller.PullerMain;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * A node's cache state read from its pull Job, the way the kubelet reports it: a Job that completed
 * is {@code Ready} (last used: now, when the pull wrote it), one that failed is {@code Failed}, one
 * with active pods {@code Pulling}. While it pulls, bytes done and total come from the last
 * {@link PullProgress} line in the running pod's log; the puller's result (sha256 and bytes, or why it
 * failed) is read once from the termination message of the Job's last pod. The bytes seen go to
 * {@link PullBytes}.
 */
final class CacheStates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(CacheStates.class);
    private static final int LOG_LINES = 20;

    private final KubernetesClient client;
    private final PullBytes pullBytes;
    private final String servedName;

    /** @param servedName the Model's served name, the {@code model} label of its pull bytes */
    CacheStates(KubernetesClient client, PullBytes pullBytes, String servedName) {
        this.client = client;
        this.pullBytes = pullBytes;
        this.servedName = servedName;
    }

    NodeCache read(String node, Job job, NodeCache before, String expectedSha) {
        NodeCache c = new NodeCache();
        c.node = node;
        c.phase = phase(job);
        if (before != null && before.phase == c.phase && (c.phase == Phase.Ready || c.phase == Phase.Failed)) {
            c.bytes = before.bytes;
            c.totalBytes = before.totalBytes;
            c.sha256 = before.sha256;
            c.message = before.message;
            c.failure = before.failure;
            c.lastUsed = before.lastUsed;
            pullBytes.finished(job, servedName, node, null);
            return c;
        }
        if (c.phase == Phase.Ready || c.phase == Phase.Failed) {
            readResult(job, c);
            pullBytes.finished(job, servedName, node, c.phase == Phase.Ready ? c.bytes : null);
        }
        if (c.phase == Phase.Ready) {
            c.sha256 = c.sha256 == null ? expectedSha : c.sha256;
            c.totalBytes = c.bytes;
            // the weights were last touched when the pull wrote them
            c.lastUsed = Instant.now().toString();
        } else if (c.phase == Phase.Failed) {
            if (c.message == null) {
                c.message = failedMessage(job);
            }
            if (c.failure == null) {
                // no result from the puller (killed, deadline, pod never ran): worth another try
                c.failure = PullerMain.TRANSIENT;
            }
        } else if (c.phase == Phase.Pulling) {
            readProgress(node, job, c, before != null && before.phase == Phase.Pulling ? before : null);
        }
        return c;
    }

    /** Bytes done and total from the last progress line in the running puller's log. */
    private void readProgress(String node, Job job, NodeCache c, NodeCache before) {
        PullProgress progress = pods(job).stream().filter(p -> p.getStatus() != null
                && "Running".equals(p.getStatus().getPhase())).findFirst().map(this::progress).orElse(null);
        if (progress == null && before != null) {
            c.bytes = before.bytes;
            c.totalBytes = before.totalBytes;
        } else if (progress != null) {
            c.bytes = progress.done();
            c.totalBytes = progress.total() >= 0 ? progress.total() : null;
            pullBytes.progress(job, servedName, node, progress.done());
        }
    }

    private PullProgress progress(Pod pod) {
        try {
            return PullProgress.last(client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).inContainer(PullJobs.CONTAINER).tailingLines(LOG_LINES)
                    .getLog());
        } catch (KubernetesClientException e) {
            LOG.debugf("no log of %s yet: %s", pod.getMetadata().getName(), e.getMessage());
            return null;
        }
    }

    private static Phase phase(Job job) {
        if (JobOutcome.succeeded(job)) {
            return Phase.Ready;
        }
        if (JobOutcome.failed(job)) {
            return Phase.Failed;
        }
        return JobOutcome.active(job) ? Phase.Pulling : Phase.Pending;
    }

    private static String failedMessage(Job job) {
        return job.getStatus().getConditions().stream().filter(c -> "Failed".equals(c.getType()))
                .map(c -> c.getReason() + ": " + c.getMessage()).findFirst().orElse("pull failed");
    }

    private void readResult(Job job, NodeCache c) {
        pods(job).stream().map(CacheStates::terminationMessage).filter(Objects::nonNull).findFirst()
                .ifPresent(m -> parse(m, c));
    }

    /**
     * The Job's pods, newest first: those named by its job-name label, less those another Job of that name owns (the
     * pods of a failed pull Job that a retry replaced, until the garbage collector removes them).
     */
    private List<Pod> pods(Job job) {
        List<Pod> pods = client.pods().inNamespace(job.getMetadata().getNamespace())
                .withLabel("job-name", job.getMetadata().getName()).list().getItems();
        return pods.stream().filter(p -> !ownedByAnotherJob(p, job.getMetadata().getUid()))
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp(),
                        Comparator.nullsFirst(Comparator.naturalOrder())).reversed()).toList();
    }

    /** Whether a Job owns the pod and it is not the one with this uid (unknown owners or uid count as this one). */
    private static boolean ownedByAnotherJob(Pod pod, String uid) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        if (owners == null || uid == null) {
            return false;
        }
        return owners.stream().anyMatch(o -> "Job".equals(o.getKind()))
                && owners.stream().noneMatch(o -> uid.equals(o.getUid()));
    }

    private static String terminationMessage(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream().filter(s -> PullJobs.CONTAINER.equals(s.getName()))
                .map(ContainerStatus::getState).filter(s -> s != null && s.getTerminated() != null)
                .map(s -> s.getTerminated().getMessage()).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static void parse(String message, NodeCache c) {
        try {
            JsonNode result = JSON.readTree(message);
            c.sha256 = result.hasNonNull("sha256") ? result.get("sha256").asText() : null;
            c.bytes = result.hasNonNull("bytes") ? result.get("bytes").asLong() : null;
            c.message = result.hasNonNull("error") ? result.get("error").asText() : null;
            c.failure = result.hasNonNull("failure") ? result.get("failure").asText()
                    : c.message != null ? PullerMain.failure(c.message) : null;
        } catch (IOException e) {
            c.message = message.strip();
            c.failure = PullerMain.failure(c.message);
        }
    }
}

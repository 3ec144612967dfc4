package dev.paddock.manager.reconciler;

import dev.paddock.manager.children.Labels;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code paddock_model_pull_bytes_total{namespace, model, node}}: the bytes the operator sees pulls add to
 * node caches ({@code model} is the served name, as on the gateway's and workers' metrics). Each pull Job's
 * bytes last seen (progress lines, then the result) are kept by the Job's UID, and the counter grows by what is
 * new: a retried pod of the same Job resumes its {@code .part} file and counts only beyond it, a new Job (after
 * an eviction) counts from zero. The entry goes when the Job finishes or is gone. Only the leader reconciles,
 * so only it counts; a restarted operator starts a fresh counter (Prometheus {@code rate} reads that as a
 * reset) and counts a running pull from the bytes it has then.
 */
@ApplicationScoped
class PullBytes {

    private final MeterRegistry meters;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    PullBytes(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A pull Job's bytes done so far (from its running pod's log). */
    void progress(Job job, String servedName, String node, long bytes) {
        String uid = job.getMetadata().getUid();
        Seen before = seen.get(uid);
        long last = before == null ? 0 : before.bytes();
        if (bytes > last) {
            counter(job, servedName, node).increment(bytes - last);
        }
        seen.put(uid, new Seen(job.getMetadata().getNamespace(), job.getMetadata().getLabels().get(Labels.MODEL),
                Math.max(bytes, last)));
    }

    /** A pull Job finished: its final bytes ({@code null} when it failed or did not say) count, then it is forgotten. */
    void finished(Job job, String servedName, String node, Long bytes) {
        if (bytes != null) {
            progress(job, servedName, node, bytes);
        }
        seen.remove(job.getMetadata().getUid());
    }

    /** Forgets a Model's pull Jobs that are not among {@code live} (Job UIDs): deleted, or the Model is gone. */
    void retain(String namespace, String model, Set<String> live) {
        seen.entrySet().removeIf(e -> e.getValue().namespace().equals(namespace) && e.getValue().model().equals(model)
                && !live.contains(e.getKey()));
    }

    /** Whether a pull Job's bytes are still kept (by its UID). */
    boolean tracks(String jobUid) {
        return seen.containsKey(jobUid);
    }

    private Counter counter(Job job, String servedName, String node) {
        return Counter.builder("paddock.model.pull.bytes")
                .description("Bytes pulls added to node caches, as the operator observed them")
                .tags("namespace", job.getMetadata().getNamespace(), "model", servedName, "node", node)
                .register(meters);
    }

    /** A tracked Job: its namespace and Model (resource name, for {@link #retain}) and the bytes last seen. */
    private record Seen(String namespace, String model, long bytes) {
    }
}

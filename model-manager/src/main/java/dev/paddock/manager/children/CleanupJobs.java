package dev.paddock.manager.children;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.manager.config.ManagerConfig;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Job that removes a model's folder from one node's cache: when the model is deleted (cleanup), or
 * when another model needs the room (eviction); or only the weights file of an earlier source of the model (stale),
 * once nothing on that node needs it any more. It is not owned by the Model (a cleanup must outlive
 * it) and removes itself {@value #KEEP_FINISHED_SECONDS} seconds after it finished; until then an
 * eviction Job also keeps the evicted model off that node.
 */
public final class CleanupJobs {

    /** Component label value. */
    public static final String COMPONENT = "cleanup";
    /** Component label value of eviction Jobs. */
    public static final String EVICT = "evict";
    /** Component label value of the Jobs that remove the weights file of an earlier source. */
    public static final String STALE = "stale";
    /** How long a finished Job stays. */
    public static final int KEEP_FINISHED_SECONDS = 600;

    private final ManagerConfig config;
    private final CacheLayout layout;

    public CleanupJobs(ManagerConfig config) {
        this.config = config;
        this.layout = new CacheLayout(config.cache().hostPath());
    }

    /** The Job's name for a node. */
    public static String name(Model model, String node) {
        return CacheLayout.childName(model, "clean-" + CacheLayout.shortHash(node).substring(0, 6));
    }

    /** The eviction Job's name for a node (per source, so evicting again after a new pull is a new Job). */
    public static String evictionName(Model model, String node) {
        return CacheLayout.childName(model, "evict-" + CacheLayout.shortHash(node).substring(0, 6) + "-"
                + CacheLayout.key(model).substring(0, 6));
    }

    /** The desired cleanup Job on a node. */
    public Job desired(Model model, String node) {
        return job(model, node, name(model, node), COMPONENT);
    }

    /** The Job that evicts {@code model} from a node's cache to make room for {@code forModel}. */
    public Job eviction(Model model, String node, Model forModel) {
        Job job = job(model, node, evictionName(model, node), EVICT);
        job.getMetadata().getAnnotations().put(Labels.EVICTED_FOR,
                forModel.getMetadata().getNamespace() + "/" + forModel.getMetadata().getName());
        return job;
    }

    /**
     * The name of the Job that removes the file of a pull Job of an earlier source: per node, file and that pull Job,
     * so a file that becomes stale again later (a source changed back and forth) gets a new Job.
     */
    public static String staleName(Model model, String node, String file, String pullUid) {
        return CacheLayout.childName(model, "rm-" + CacheLayout.shortHash(node).substring(0, 6) + "-"
                + CacheLayout.shortHash(file + "|" + pullUid).substring(0, 6));
    }

    /**
     * The Job that removes the weights file a pull Job of an earlier source wrote (and its {@code .part}) from the
     * model's folder on that Job's node, leaving the rest of the folder as it is.
     */
    public Job staleFile(Model model, Job pull) {
        String node = Labels.node(pull);
        String file = PullJobs.file(pull);
        if (node == null || file == null || file.equals(CacheLayout.fileName(model))) {
            throw new IllegalArgumentException("pull Job " + pull.getMetadata().getName() + " wrote no stale file of "
                    + model.getMetadata().getName() + " (" + file + " on " + node + ")");
        }
        Job job = job(model, node, staleName(model, node, file, pull.getMetadata().getUid()), STALE,
                CacheLayout.MOUNT + "/" + file);
        job.getMetadata().getAnnotations().put(Labels.STALE_FILE, file);
        return job;
    }

    private Job job(Model model, String node, String name, String component) {
        return job(model, node, name, component, CacheLayout.MOUNT);
    }

    private Job job(Model model, String node, String name, String component, String target) {
        List<String> args = new ArrayList<>(List.of("--remove", target));
        var container = new ContainerBuilder().withName("cleanup").withImage(config.puller().image())
                .withCommand(config.puller().command()).withArgs(args).withVolumeMounts(PodParts.cacheMount(false))
                .build();
        return new JobBuilder().withNewMetadata().withName(name)
                .withNamespace(model.getMetadata().getNamespace()).withLabels(Labels.of(model, component))
                .addToAnnotations(Labels.NODE, node).endMetadata().withNewSpec()
                .withBackoffLimit(config.puller().backoffLimit()).withTtlSecondsAfterFinished(KEEP_FINISHED_SECONDS)
                .withNewTemplate().withNewMetadata().withLabels(Labels.of(model, component)).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withAffinity(PodParts.pinnedTo(node))
                .withSecurityContext(PodParts.hostPathWriter())
                .withTolerations(model.getSpec().tolerations).withContainers(container)
                .withVolumes(PodParts.cacheVolume(layout.hostFolder(model))).endSpec().endTemplate().endSpec().build();
    }
}

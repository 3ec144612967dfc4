package dev.paddock.manager.children;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.manager.config.ManagerConfig;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The Job that removes a deleted model's folder from one node's cache. It is not owned by the Model
 * (it must outlive it) and removes itself a while after it finished.
 */
public final class CleanupJobs {

    /** Component label value. */
    public static final String COMPONENT = "cleanup";
    private static final int KEEP_FINISHED_SECONDS = 600;

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

    /** The desired cleanup Job on a node. */
    public Job desired(Model model, String node) {
        List<String> args = new ArrayList<>(List.of("--remove", CacheLayout.MOUNT));
        var container = new ContainerBuilder().withName("cleanup").withImage(config.puller().image())
                .withCommand(config.puller().command()).withArgs(args).withVolumeMounts(PodParts.cacheMount(false))
                .build();
        return new JobBuilder().withNewMetadata().withName(name(model, node))
                .withNamespace(model.getMetadata().getNamespace()).withLabels(Labels.of(model, COMPONENT))
                .addToAnnotations(Labels.NODE, node).endMetadata().withNewSpec()
                .withBackoffLimit(config.puller().backoffLimit()).withTtlSecondsAfterFinished(KEEP_FINISHED_SECONDS)
                .withNewTemplate().withNewMetadata().withLabels(Labels.of(model, COMPONENT)).endMetadata()
                .withNewSpec().withRestartPolicy("Never").withAffinity(PodParts.pinnedTo(node))
                .withTolerations(model.getSpec().tolerations).withContainers(container)
                .withVolumes(PodParts.cacheVolume(layout.hostFolder(model))).endSpec().endTemplate().endSpec().build();
    }
}

package dev.paddock.manager.children;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.manager.config.ManagerConfig;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pull Job of a model on one node: pinned to the node by required node affinity, tolerating the
 * model's tolerations, running Paddock's puller into the node's cache folder (hostPath). The puller
 * writes its progress to its log and its result (sha256 and bytes, or the error) as the container's
 * termination message.
 */
public final class PullJobs {

    /** Component label value. */
    public static final String COMPONENT = "pull";
    /** Container name. */
    public static final String CONTAINER = "puller";
    private static final String SOURCE_MOUNT = "/source";

    private final ManagerConfig config;
    private final CacheLayout layout;

    public PullJobs(ManagerConfig config) {
        this.config = config;
        this.layout = new CacheLayout(config.cache().hostPath());
    }

    /** The Job's name for a node. */
    public static String name(Model model, String node) {
        return CacheLayout.childName(model, "pull-" + CacheLayout.shortHash(node).substring(0, 6) + "-"
                + CacheLayout.key(model).substring(0, 6));
    }

    /** The weights file a pull Job writes into the model's folder (its {@code --dest}, without the folder), or null. */
    public static String file(Job job) {
        for (var c : job.getSpec().getTemplate().getSpec().getContainers()) {
            List<String> args = c.getArgs() == null ? List.of() : c.getArgs();
            int i = args.indexOf("--dest");
            String prefix = CacheLayout.MOUNT + "/";
            if (i >= 0 && i + 1 < args.size() && args.get(i + 1).startsWith(prefix)) {
                String file = args.get(i + 1).substring(prefix.length());
                return file.isEmpty() || file.contains("/") ? null : file;
            }
        }
        return null;
    }

    /** The desired pull Job on a node. */
    public Job desired(Model model, String node) {
        List<Volume> volumes = new ArrayList<>(List.of(PodParts.cacheVolume(layout.hostFolder(model))));
        List<VolumeMount> mounts = new ArrayList<>(List.of(PodParts.cacheMount(false)));
        ModelResourceSpec spec = model.getSpec();
        if (spec.pvc != null) {
            volumes.add(new VolumeBuilder().withName("source").withNewPersistentVolumeClaim()
                    .withClaimName(spec.pvc.claimName).withReadOnly(true).endPersistentVolumeClaim().build());
            mounts.add(new VolumeMountBuilder().withName("source").withMountPath(SOURCE_MOUNT).withReadOnly(true).build());
        }
        var container = new ContainerBuilder().withName(CONTAINER).withImage(config.puller().image())
                .withCommand(config.puller().command()).withArgs(args(model)).withEnv(env(spec))
                .withVolumeMounts(mounts).withTerminationMessagePolicy("FallbackToLogsOnError").build();
        var pod = new PodSpecBuilder().withRestartPolicy("Never").withAffinity(PodParts.pinnedTo(node))
                .withSecurityContext(PodParts.hostPathWriter())
                .withTolerations(spec.tolerations).withContainers(container).withVolumes(volumes).build();
        Job job = new JobBuilder().withNewMetadata().withName(name(model, node))
                .withNamespace(model.getMetadata().getNamespace()).withLabels(Labels.of(model, COMPONENT))
                .addToAnnotations(Labels.NODE, node).endMetadata()
                .withNewSpec().withBackoffLimit(config.puller().backoffLimit()).withNewTemplate().withNewMetadata()
                .withLabels(Labels.of(model, COMPONENT)).endMetadata().withSpec(pod).endTemplate().endSpec().build();
        return Children.owned(model, job);
    }

    private List<String> args(Model model) {
        ModelResourceSpec spec = model.getSpec();
        List<String> args = new ArrayList<>();
        if (spec.huggingFace != null) {
            args.addAll(List.of("--hf-repo", spec.huggingFace.repo, "--hf-file", spec.huggingFace.file,
                    "--hf-base-url", config.puller().huggingFaceUrl()));
            if (spec.huggingFace.revision != null) {
                args.addAll(List.of("--hf-revision", spec.huggingFace.revision));
            }
        } else if (spec.pvc != null) {
            args.addAll(List.of("--file", SOURCE_MOUNT + "/" + spec.pvc.path.replaceAll("^/+", "")));
        } else {
            args.addAll(List.of("--source", spec.source));
        }
        if (spec.sha256 != null) {
            args.addAll(List.of("--sha256", spec.sha256));
        }
        args.addAll(List.of("--dest", CacheLayout.MOUNT + "/" + CacheLayout.fileName(model), "--result",
                "/dev/termination-log", "--progress-ms", Long.toString(config.puller().progressEvery().toMillis())));
        config.puller().allowedHosts().orElse(List.of()).forEach(h -> args.addAll(List.of("--allow-host", h)));
        if (config.puller().allowPrivateAddresses()) {
            args.add("--allow-private");
        }
        return args;
    }

    private static List<EnvVar> env(ModelResourceSpec spec) {
        if (spec.huggingFace == null || spec.huggingFace.tokenSecret == null) {
            return List.of();
        }
        return List.of(new EnvVarBuilder().withName("HF_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                .withName(spec.huggingFace.tokenSecret).withKey("token").endSecretKeyRef().endValueFrom().build());
    }
}

package dev.paddock.manager.children;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.api.model.v1alpha1.WorkerLaunch;
import dev.paddock.manager.config.ManagerConfig;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Collection;
import java.util.Map;

/**
 * The worker Deployment of a model: {@code replicas} workers, each requesting {@code gpu.count} GPUs
 * (none for a CPU model), required to run on nodes whose cache holds the verified weights, reading
 * them read-only from the node cache. Each worker is the Paddock server jar in the worker role, configured
 * only by the environment {@link WorkerLaunch} defines (role, broker, pod name as worker id, the model's
 * spec as JSON with {@code source} the cached file); it is ready once the model is loaded
 * ({@code /health/ready}), which is what {@code status.replicas} counts.
 */
public final class WorkerDeployment {

    /** Component label value. */
    public static final String COMPONENT = "worker";

    private final ManagerConfig config;
    private final CacheLayout layout;

    public WorkerDeployment(ManagerConfig config) {
        this.config = config;
        this.layout = new CacheLayout(config.cache().hostPath());
    }

    /** The Deployment's name. */
    public static String name(Model model) {
        return CacheLayout.childName(model, "worker");
    }

    /** The desired Deployment with workers on {@code readyNodes}. */
    public Deployment desired(Model model, Collection<String> readyNodes, int replicas) {
        Map<String, String> labels = Labels.of(model, COMPONENT);
        Deployment d = new DeploymentBuilder().withNewMetadata().withName(name(model))
                .withNamespace(model.getMetadata().getNamespace()).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .withAffinity(affinity(model.getSpec(), readyNodes)).withTolerations(model.getSpec().tolerations)
                .withNodeSelector(model.getSpec().nodeSelector).withContainers(container(model))
                .withVolumes(PodParts.cacheVolume(layout.hostFolder(model))).endSpec().endTemplate().endSpec().build();
        return Children.owned(model, d);
    }

    /** The selector of the workers, as the scale subresource reports it. */
    public static String selector(Model model) {
        return String.join(",", Labels.of(model, COMPONENT).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private Container container(Model model) {
        String weights = CacheLayout.MOUNT + "/" + CacheLayout.fileName(model);
        return new ContainerBuilder().withName(COMPONENT).withImage(config.worker().image())
                .withCommand(config.worker().command()).withResources(resources(model.getSpec()))
                .withEnv(WorkerLaunch.env(model, weights, config.kafka().bootstrapServers()))
                .addNewPort().withName("http").withContainerPort(WorkerLaunch.PORT).endPort()
                .withReadinessProbe(probe("/health/ready")).withLivenessProbe(probe("/health/live")).withVolumeMounts(PodParts.cacheMount(true)).build();
    }

    /** An HTTP probe every 5 s (readiness: the model is loaded; liveness: the process answers). */
    private static Probe probe(String path) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
                .withPeriodSeconds(5).withFailureThreshold(3).build();
    }

    private static Affinity affinity(ModelResourceSpec spec, Collection<String> readyNodes) {
        Affinity pinned = PodParts.onNodes(readyNodes.stream().sorted().toList());
        if (spec.affinity == null) {
            return pinned;
        }
        // the spec's pod (anti-)affinity is kept; its node affinity already chose the nodes
        return new AffinityBuilder(spec.affinity).withNodeAffinity(pinned.getNodeAffinity()).build();
    }

    private static ResourceRequirements resources(ModelResourceSpec spec) {
        ResourceRequirementsBuilder b = spec.resources == null ? new ResourceRequirementsBuilder()
                : new ResourceRequirementsBuilder(spec.resources);
        if (spec.gpu.count > 0) {
            Quantity gpus = new Quantity(Integer.toString(spec.gpu.count));
            b.addToLimits("nvidia.com/gpu", gpus).addToRequests("nvidia.com/gpu", gpus);
        }
        return b.build();
    }
}

package dev.paddock.manager.children;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.Collection;
import java.util.List;

/** Pieces shared by the pods the operator creates. */
final class PodParts {

    static final String HOSTNAME = "kubernetes.io/hostname";

    private PodParts() {
    }

    /** The model's folder in the node cache. */
    static Volume cacheVolume(String hostFolder) {
        return new VolumeBuilder().withName("cache").withNewHostPath().withPath(hostFolder)
                .withType("DirectoryOrCreate").endHostPath().build();
    }

    static VolumeMount cacheMount(boolean readOnly) {
        return new VolumeMountBuilder().withName("cache").withMountPath(CacheLayout.MOUNT).withReadOnly(readOnly).build();
    }

    /**
     * Pull and cleanup pods run as root: the node cache is a hostPath, whose folders the kubelet creates
     * root-owned (fsGroup does not apply to hostPath). Workers only read it.
     */
    static PodSecurityContext hostPathWriter() {
        return new PodSecurityContextBuilder().withRunAsUser(0L).withRunAsNonRoot(false).build();
    }

    /** Required node affinity to exactly one node. */
    static Affinity pinnedTo(String node) {
        return onNodes(List.of(node));
    }

    /** Required node affinity to any of these nodes. */
    static Affinity onNodes(Collection<String> nodes) {
        return new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey(HOSTNAME).withOperator("In")
                .withValues(List.copyOf(nodes)).endMatchExpression().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build();
    }
}

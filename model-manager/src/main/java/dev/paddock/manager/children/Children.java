package dev.paddock.manager.children;

import dev.paddock.api.model.v1alpha1.Model;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Objects;

/**
 * Creates children, or changes them only when their desired spec changed: the hash of the desired
 * object is kept in the {@value Labels#SPEC_HASH} annotation, so defaults the API server adds never
 * count as a difference and a second reconcile writes nothing.
 */
public final class Children {

    private Children() {
    }

    /** Adds the Model as controlling owner, so deleting the Model deletes the child. */
    static <T extends HasMetadata> T owned(Model model, T child) {
        child.getMetadata().getOwnerReferences().add(new OwnerReferenceBuilder().withApiVersion(model.getApiVersion())
                .withKind(model.getKind()).withName(model.getMetadata().getName())
                .withUid(model.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build());
        return child;
    }

    /**
     * Makes the child in the cluster match {@code desired}.
     *
     * @param immutable whether a changed child is deleted and created again (Jobs) rather than updated
     * @return the child as it is in the cluster
     */
    public static <T extends HasMetadata> T apply(KubernetesClient client, T desired, boolean immutable) {
        return apply(client, desired, immutable, Map.of());
    }

    /**
     * As {@link #apply(KubernetesClient, HasMetadata, boolean)}, and when no such child exists it is created with
     * {@code onCreate} among its annotations too. They are not part of the spec hash, so they neither make an
     * existing child differ nor go onto a child re-created because its spec changed (a pull Job's attempt number).
     */
    public static <T extends HasMetadata> T apply(KubernetesClient client, T desired, boolean immutable,
            Map<String, String> onCreate) {
        String hash = CacheLayout.shortHash(Serialization.asJson(desired));
        desired.getMetadata().getAnnotations().put(Labels.SPEC_HASH, hash);
        T existing = client.resource(desired).get();
        if (existing != null && Objects.equals(hash, existing.getMetadata().getAnnotations().get(Labels.SPEC_HASH))) {
            return existing;
        }
        if (existing == null) {
            desired.getMetadata().getAnnotations().putAll(onCreate);
            return client.resource(desired).create();
        }
        if (immutable) {
            client.resource(existing).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            return client.resource(desired).create();
        }
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        return client.resource(desired).update();
    }
}

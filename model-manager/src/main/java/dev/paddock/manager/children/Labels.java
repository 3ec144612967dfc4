package dev.paddock.manager.children;

import dev.paddock.api.model.v1alpha1.Model;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and annotations on everything the operator creates. */
public final class Labels {

    /** Who manages the resource. */
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** Value of {@link #MANAGED_BY}. */
    public static final String OPERATOR = "paddock-model-manager";
    /** The Model's resource name. */
    public static final String MODEL = "paddock.dev/model";
    /** pull, worker, cleanup, evict or stale. */
    public static final String COMPONENT = "paddock.dev/component";
    /** Annotation: the node a pull or cleanup Job is pinned to. */
    public static final String NODE = "paddock.dev/node";
    /** Annotation on a Job that removes the weights file of an earlier source: the file's name. */
    public static final String STALE_FILE = "paddock.dev/stale-file";
    /** Annotation on an eviction Job: namespace/name of the Model that needs the room. */
    public static final String EVICTED_FOR = "paddock.dev/evicted-for";
    /** Annotation on a pull Job: its attempt number on the node for the current spec (1, 2, ...: a retry adds one). */
    public static final String ATTEMPT = "paddock.dev/attempt";
    /** Annotation: hash of the desired spec, to tell whether a child must change. */
    public static final String SPEC_HASH = "paddock.dev/spec-hash";
    /** Selector of everything the operator manages. */
    public static final String SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private Labels() {
    }

    /** The node a pull or cleanup Job is pinned to ({@link #NODE}), or null. */
    public static String node(HasMetadata job) {
        Map<String, String> annotations = job.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(NODE);
    }

    /** The labels of one of a Model's children. */
    public static Map<String, String> of(Model model, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY, OPERATOR);
        labels.put(MODEL, model.getMetadata().getName());
        labels.put(COMPONENT, component);
        return labels;
    }
}

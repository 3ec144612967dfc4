package dev.paddock.eval.dataset;

/** Reads a ConfigMap key (in a cluster, from the evaluation's namespace). */
@FunctionalInterface
public interface ConfigMapSource {

    /** There is no cluster: ConfigMap datasets cannot be read. */
    ConfigMapSource NONE = (name, key) -> {
        throw new DatasetException("configMap " + name + ": ConfigMap datasets can only be read in a cluster");
    };

    /** The key's value; throws {@link DatasetException} when the ConfigMap or key does not exist. */
    String read(String name, String key);
}

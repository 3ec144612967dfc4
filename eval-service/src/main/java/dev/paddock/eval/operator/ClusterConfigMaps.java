package dev.paddock.eval.operator;

import dev.paddock.eval.dataset.ConfigMapSource;
import dev.paddock.eval.dataset.DatasetException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;

/** ConfigMap datasets read from the Evaluation's namespace at each run. */
final class ClusterConfigMaps implements ConfigMapSource {

    private final KubernetesClient client;
    private final String namespace;

    ClusterConfigMaps(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public String read(String name, String key) {
        ConfigMap map = client.configMaps().inNamespace(namespace).withName(name).get();
        if (map == null) {
            throw new DatasetException("configMap " + namespace + "/" + name + ": not found");
        }
        String value = map.getData() != null ? map.getData().get(key) : null;
        if (value == null) {
            throw new DatasetException("configMap " + namespace + "/" + name + ": no key '" + key + "'");
        }
        return value;
    }
}

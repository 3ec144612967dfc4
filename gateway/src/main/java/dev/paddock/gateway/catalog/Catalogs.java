package dev.paddock.gateway.catalog;

import dev.paddock.gateway.config.GatewayConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Chooses the distributed gateway's catalog ({@code paddock.gateway.catalog}): the workers' announcements
 * on Kafka, or in a cluster the {@code Model} resources (the announcements then only add what a loaded
 * model knows). The Kubernetes client is made only when it is used.
 */
@ApplicationScoped
public class Catalogs {

    private final GatewayConfig config;
    private final Instance<KubernetesClient> kubernetes;

    Catalogs(GatewayConfig config, Instance<KubernetesClient> kubernetes) {
        this.config = config;
        this.kubernetes = kubernetes;
    }

    /** The catalog to route with, given the one built from the workers' announcements. */
    public ModelCatalog choose(ModelCatalog announcements) {
        if (config.catalog() == GatewayConfig.CatalogSource.kafka) {
            return announcements;
        }
        KubernetesClient client = kubernetes.get();
        String ns = config.catalogNamespace().orElse(client.getNamespace());
        return new KubernetesCatalog(client, "*".equals(ns) ? null : ns, announcements, config.scaleFromZeroTimeout());
    }
}

package dev.paddock.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The chart through Helm itself (helm-java embeds Helm): lint, and what it renders with default and other values. */
class ChartTest {

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void defaultsRenderTheOperatorGatewayAndEvalServiceWithTheirOwnAccounts() {
        RenderedChart chart = RenderedChart.render();
        assertThat(chart.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("paddock-model-manager", "paddock-gateway", "paddock-eval-service");
        for (Deployment d : chart.all(Deployment.class)) {
            String account = d.getSpec().getTemplate().getSpec().getServiceAccountName();
            assertThat(chart.get(ServiceAccount.class, account).getMetadata().getNamespace()).isEqualTo("ai");
            assertThat(d.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(d.getSpec().getTemplate().getMetadata().getLabels());
        }
        Container manager = container(chart, "paddock-model-manager");
        assertThat(env(manager)).containsEntry("PADDOCK_MANAGER_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("PADDOCK_MANAGER_CACHE_HOST_PATH", "/var/lib/paddock/models")
                .containsEntry("PADDOCK_MANAGER_CACHE_SIZE_BYTES", "107374182400")
                .containsEntry("PADDOCK_MANAGER_PULLER_IMAGE", "paddock/model-manager:0.1.0")
                .containsEntry("PADDOCK_MANAGER_WORKER_IMAGE", "paddock/server:0.1.0")
                .containsEntry("PADDOCK_MANAGER_PULLER_RETRY_BACKOFF", "30s")
                .containsEntry("PADDOCK_MANAGER_PULLER_RETRY_BACKOFF_MAX", "10m")
                .doesNotContainKey("PADDOCK_MANAGER_PULLER_ALLOWED_HOSTS");
        assertThat(manager.getImage()).isEqualTo("paddock/model-manager:0.1.0");
        assertThat(env(container(chart, "paddock-gateway"))).containsEntry("PADDOCK_DISTRIBUTED_ROLE", "gateway")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092").containsEntry("PADDOCK_GATEWAY_CATALOG", "kubernetes");
        assertThat(env(container(chart, "paddock-eval-service")))
                .containsEntry("PADDOCK_EVAL_GATEWAY_URL", "http://paddock-gateway:80");
        assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void crdsInTheChartAreTheOnesTheBuildGenerates() throws IOException {
        assertThat(Path.of("paddock/crds/models.paddock.dev-v1.yml"))
                .hasSameBinaryContentAs(Path.of("../model-manager/target/kubernetes/models.paddock.dev-v1.yml"));
        assertThat(Path.of("paddock/crds/evaluations.paddock.dev-v1.yml"))
                .hasSameBinaryContentAs(Path.of("../eval-service/target/kubernetes/evaluations.paddock.dev-v1.yml"));
        List<HasMetadata> crds = RenderedChart.parse(Files.readString(Path.of("paddock/crds/models.paddock.dev-v1.yml")));
        assertThat(crds).singleElement().isInstanceOf(CustomResourceDefinition.class)
                .extracting(c -> c.getMetadata().getName()).isEqualTo("models.paddock.dev");
    }

    @Test
    void otherValuesChangeImagesKafkaReplicasCatalogAndMonitoring() {
        RenderedChart chart = RenderedChart.render("kafka.bootstrapServers", "b-0.kafka:9092,b-1.kafka:9092",
                "image.registry", "registry.example.com/ai", "image.tag", "1.2.3", "gateway.replicas", 4,
                "gateway.catalog", "kafka", "modelManager.puller.allowedHosts[0]", "huggingface.co",
                "modelManager.puller.allowedHosts[1]", "*.example.org", "modelManager.puller.retryBackoff", "5s",
                "metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.labels.release", "kps",
                "grafana.dashboards.enabled", false, "evalService.enabled", false);
        Container manager = container(chart, "paddock-model-manager");
        assertThat(manager.getImage()).isEqualTo("registry.example.com/ai/paddock/model-manager:1.2.3");
        assertThat(env(manager)).containsEntry("PADDOCK_MANAGER_KAFKA_BOOTSTRAP_SERVERS", "b-0.kafka:9092,b-1.kafka:9092")
                .containsEntry("PADDOCK_MANAGER_PULLER_ALLOWED_HOSTS", "huggingface.co,*.example.org")
                .containsEntry("PADDOCK_MANAGER_PULLER_RETRY_BACKOFF", "5s")
                .containsEntry("PADDOCK_MANAGER_WORKER_IMAGE", "registry.example.com/ai/paddock/server:1.2.3");
        Deployment gateway = chart.get(Deployment.class, "paddock-gateway");
        assertThat(gateway.getSpec().getReplicas()).isEqualTo(4);
        // the kafka catalog reads no Kubernetes API: no role, no token in the pod
        assertThat(gateway.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(chart.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName())
                .containsExactly("paddock-model-manager");
        assertThat(chart.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .doesNotContain("paddock-eval-service");
        assertThat(chart.all(ConfigMap.class)).isEmpty();
        assertThat(chart.ofKind("ServiceMonitor")).extracting(o -> o.getMetadata().getName())
                .containsExactly("paddock-gateway", "paddock-model-manager");
        assertThat(chart.ofKind("PodMonitor")).singleElement().satisfies(m -> assertThat(
                ((GenericKubernetesResource) m).getMetadata().getLabels()).containsEntry("release", "kps"));
    }

    @Test
    void theOperatorRunsTwoReplicasThatElectALeaderThroughOneLease() {
        RenderedChart chart = RenderedChart.render();
        Deployment manager = chart.get(Deployment.class, "paddock-model-manager");
        assertThat(manager.getSpec().getReplicas()).isEqualTo(2);
        assertThat(manager.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        Container c = container(chart, "paddock-model-manager");
        assertThat(env(c)).containsEntry("PADDOCK_MANAGER_LEADER_ELECTION_LEASE_NAME", "paddock-model-manager");
        assertThat(c.getEnv()).filteredOn(e -> e.getValueFrom() != null)
                .extracting(e -> e.getName() + "=" + e.getValueFrom().getFieldRef().getFieldPath())
                .contains("POD_NAME=metadata.name", "POD_NAMESPACE=metadata.namespace");
        Role role = chart.get(Role.class, "paddock-model-manager-leader-election");
        assertThat(role.getMetadata().getNamespace()).isEqualTo("ai");
        assertThat(role.getRules()).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("coordination.k8s.io");
            assertThat(r.getResources()).containsExactly("leases");
            assertThat(r.getVerbs()).containsExactlyInAnyOrder("get", "create", "update");
            assertThat(r.getResourceNames()).isEmpty();
        });
        RoleBinding binding = chart.get(RoleBinding.class, "paddock-model-manager-leader-election");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo(manager.getSpec().getTemplate().getSpec().getServiceAccountName());
            assertThat(s.getNamespace()).isEqualTo("ai");
        });
        PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, "paddock-model-manager");
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(manager.getSpec().getTemplate().getMetadata().getLabels());

        RenderedChart single = RenderedChart.render("modelManager.replicas", 1,
                "modelManager.leaderElection.leaseName", "ops-lease");
        assertThat(single.get(Deployment.class, "paddock-model-manager").getSpec().getReplicas()).isEqualTo(1);
        assertThat(single.all(PodDisruptionBudget.class)).isEmpty();
        assertThat(env(container(single, "paddock-model-manager")))
                .containsEntry("PADDOCK_MANAGER_LEADER_ELECTION_LEASE_NAME", "ops-lease");
        assertThatThrownBy(() -> RenderedChart.render("modelManager.replicas", 0))
                .hasMessageContaining("/modelManager/replicas");
    }

    @Test
    void serviceMonitorsScrapeEachComponentsMetricsPathThroughItsService() {
        RenderedChart chart = RenderedChart.render("metrics.serviceMonitor.enabled", true);
        Map<String, String> paths = new TreeMap<>();
        for (HasMetadata monitor : chart.ofKind("ServiceMonitor")) {
            Map<?, ?> spec = (Map<?, ?>) ((GenericKubernetesResource) monitor).getAdditionalProperties().get("spec");
            Map<?, ?> endpoint = (Map<?, ?>) ((List<?>) spec.get("endpoints")).getFirst();
            String name = monitor.getMetadata().getName();
            paths.put(name, (String) endpoint.get("path"));
            // the monitor selects the component's Service, which has the named port the endpoint scrapes
            Service service = chart.get(Service.class, name);
            assertThat(((Map<?, ?>) spec.get("selector")).get("matchLabels")).isEqualTo(service.getSpec().getSelector());
            assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName).contains((String) endpoint.get("port"));
            assertThat(container(chart, name).getPorts()).extracting(ContainerPort::getName)
                    .contains(service.getSpec().getPorts().getFirst().getTargetPort().getStrVal());
        }
        // Quarkus's default /q/metrics where the application does not move it (the gateway serves /metrics as vLLM)
        assertThat(paths).containsExactly(Map.entry("paddock-eval-service", "/q/metrics"),
                Map.entry("paddock-gateway", "/metrics"), Map.entry("paddock-model-manager", "/q/metrics"));

        RenderedChart noOperator = RenderedChart.render("metrics.serviceMonitor.enabled", true,
                "modelManager.enabled", false);
        assertThat(noOperator.ofKind("ServiceMonitor")).extracting(o -> o.getMetadata().getName())
                .doesNotContain("paddock-model-manager");
    }

    @Test
    void valuesOutsideTheSchemaAreRefusedWithTheKey() {
        assertThatThrownBy(() -> RenderedChart.render("gateway.catalog", "etcd"))
                .hasMessageContaining("/gateway/catalog").hasMessageContaining("'kubernetes', 'kafka'");
        assertThatThrownBy(() -> RenderedChart.render("kafka.bootstrapServers", "no-port"))
                .hasMessageContaining("/kafka/bootstrapServers");
        assertThatThrownBy(() -> RenderedChart.render("gateway.replica", 3))
                .hasMessageContaining("/gateway").hasMessageContaining("replica");
    }

    @Test
    void everyAccountIsBoundOnlyToItsOwnRole() {
        RenderedChart chart = RenderedChart.render();
        for (ClusterRoleBinding b : chart.all(ClusterRoleBinding.class)) {
            assertThat(b.getRoleRef().getName()).isEqualTo(b.getMetadata().getName());
            assertThat(b.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getName()).isEqualTo(b.getMetadata().getName());
                assertThat(s.getNamespace()).isEqualTo("ai");
            });
        }
        for (ClusterRole r : chart.all(ClusterRole.class)) {
            assertThat(r.getRules()).allSatisfy(rule -> {
                assertThat(rule.getVerbs()).doesNotContain("*");
                assertThat(rule.getResources()).doesNotContain("*");
            });
        }
    }

    static Container container(RenderedChart chart, String deployment) {
        return chart.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}

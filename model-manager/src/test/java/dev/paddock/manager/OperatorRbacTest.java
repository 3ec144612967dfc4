package dev.paddock.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import dev.paddock.manager.placement.FakeNodes;
import dev.paddock.manager.reconciler.JobController;
import dev.paddock.manager.reconciler.KafkaBrokerResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked against what the operator really does: a Model's whole life (pull with
 * progress, serving, a spec change, deletion with the finalizer's cleanup) runs against the mock API
 * server, every request the operator made there is turned into the RBAC (group, resource, verb) it
 * needs, and the chart's operator ClusterRole must grant each one and nothing the operator never does.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(KafkaBrokerResource.class)
class OperatorRbacTest {

    private static final String TEST_AGENT = "paddock-rbac-test";
    /** Granted, and why the mock server cannot show them used. */
    private static final Set<String> NOT_SEEN_ON_THE_MOCK_SERVER = Set.of(
            // in a cluster the operator writes with server-side apply (patch); the mock server has none, so the
            // test profile turns it off and the same writes are updates: both are granted, one is seen
            "paddock.dev models patch", "paddock.dev models update", "paddock.dev models/status patch",
            "paddock.dev models/status update",
            // the children's blockOwnerDeletion owner references need it (OwnerReferencesPermissionEnforcement,
            // an admission plugin of real API servers)
            "paddock.dev models/finalizers update",
            // JOSDK reads the Model again when a patch conflicts; list already reads every Model
            "paddock.dev models get");

    @Inject
    KubernetesClient operatorClient;

    @KubernetesTestServer
    KubernetesServer apiServer;

    @Test
    void chartRoleGrantsEveryCallTheOperatorMakesAndNoMore() throws Exception {
        try (KubernetesClient test = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                operatorClient.getConfiguration()).withUserAgent(TEST_AGENT).build()).build()) {
            lifeOfAModel(test);
        }
        Set<String> used = operatorCalls();
        ClusterRole role = chartRole();
        assertThat(used).allSatisfy(call -> assertThat(grants(role, call)).as(call + " granted").isTrue());
        Set<String> unused = new TreeSet<>(grantsOf(role));
        unused.removeAll(used);
        assertThat(NOT_SEEN_ON_THE_MOCK_SERVER).containsAll(unused);
        assertThat(used).contains("batch jobs create", "apps deployments update", " pods/log get", "batch jobs delete");
    }

    private void lifeOfAModel(KubernetesClient test) {
        String ns = test.getNamespace();
        test.resource(FakeNodes.node("rbac-1", 0, Map.of())).createOr(r -> r.update());
        test.resource(model(ns, "https://models.example.org/a.gguf")).create();
        Job pull = awaitJob(test, "pull");
        String pod = pull.getMetadata().getName() + "-p0";
        test.resource(new PodBuilder().withNewMetadata().withName(pod).withNamespace(ns)
                .addToLabels("job-name", pull.getMetadata().getName()).endMetadata().withNewSpec().addNewContainer()
                .withName("puller").withImage("p").endContainer().endSpec().build()).create();
        test.pods().inNamespace(ns).withName(pod).editStatus(p -> new PodBuilder(p).withNewStatus().withPhase("Running")
                .endStatus().build());
        apiServer.expect().get().withPath("/api/v1/namespaces/" + ns + "/pods/" + pod
                + "/log?pretty=false&container=puller&tailLines=20").andReturn(200, "puller: progress 10/20\n").always();
        JobController.started(test, pull);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                test.resources(Model.class).inNamespace(ns).withName("rbac").get().getStatus().nodes.getFirst().bytes)
                .isEqualTo(10));
        JobController.completed(test, pull);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                test.apps().deployments().inNamespace(ns).withName("rbac-worker").get()).isNotNull());
        // a new source: the old pull Job goes, a new one comes, the Deployment changes
        // the operator writes the status meanwhile: an edit between its read and its write conflicts (409), retried
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(KubernetesClientException.class)
                .until(() -> test.resources(Model.class).inNamespace(ns).withName("rbac").edit(m -> {
                    m.getSpec().source = "https://models.example.org/b.gguf";
                    return m;
                }) != null);
        // one list per look: between the old Job's deletion and the new one's creation a list can be empty
        Job next = await().atMost(Duration.ofSeconds(30)).until(() -> jobs(test, "pull").stream()
                .filter(j -> !j.getMetadata().getName().equals(pull.getMetadata().getName())).findFirst(),
                Optional::isPresent).orElseThrow();
        JobController.completed(test, next);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(test.apps().deployments().inNamespace(ns)
                .withName("rbac-worker").get().getSpec().getTemplate().getSpec().getVolumes().toString())
                .contains("rbac"));
        test.resources(Model.class).inNamespace(ns).withName("rbac").delete();
        JobController.completed(test, awaitJob(test, "cleanup"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                test.resources(Model.class).inNamespace(ns).withName("rbac").get()).isNull());
    }

    /** The RBAC permission of every request the operator made (the test client's own left out). */
    private Set<String> operatorCalls() throws InterruptedException {
        Set<String> calls = new TreeSet<>();
        for (RecordedRequest r; (r = apiServer.getKubernetesMockServer().takeRequest(200, TimeUnit.MILLISECONDS)) != null;) {
            String call = permission(r.getMethod(), r.getPath());
            // the test profile lets the operator install its CRD; in a cluster the chart does (crd.apply=false)
            if (!TEST_AGENT.equals(r.getHeader("User-Agent")) && !call.contains("customresourcedefinitions")) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** "group resource verb" for a request path, as the API server's authorizer sees it. */
    static String permission(String method, String pathAndQuery) {
        String[] pq = pathAndQuery.split("\\?", 2);
        List<String> s = Arrays.asList(pq[0].replaceFirst("^/", "").split("/"));
        String group = s.getFirst().equals("api") ? "" : s.get(1);
        List<String> rest = s.subList(s.getFirst().equals("api") ? 2 : 3, s.size());
        if (rest.size() >= 3 && rest.getFirst().equals("namespaces")) {
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.getFirst() + (rest.size() > 2 ? "/" + rest.get(2) : "");
        boolean named = rest.size() > 1;
        String verb = switch (method) {
            case "GET" -> named ? "get" : pq.length > 1 && pq[1].contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method;
        };
        return group + " " + resource + " " + verb;
    }

    private static ClusterRole chartRole() {
        String yaml = new Helm(Path.of("../helm/paddock")).template().withName("paddock").withNamespace("ai")
                .withKubeVersion("1.31.4").call();
        return Arrays.stream(yaml.split("(?m)^---\\s*$")).filter(d -> d.contains("kind: ClusterRole\n"))
                .map(d -> Serialization.unmarshal(d, ClusterRole.class))
                .filter(r -> r.getMetadata().getName().equals("paddock-model-manager")).findFirst().orElseThrow();
    }

    private static boolean grants(ClusterRole role, String call) {
        String[] grv = call.split(" ", -1);
        return role.getRules().stream().anyMatch(r -> r.getApiGroups().contains(grv[0])
                && r.getResources().contains(grv[1]) && r.getVerbs().contains(grv[2]));
    }

    private static Set<String> grantsOf(ClusterRole role) {
        Set<String> all = new TreeSet<>();
        for (PolicyRule r : role.getRules()) {
            r.getApiGroups().forEach(g -> r.getResources().forEach(res -> r.getVerbs()
                    .forEach(v -> all.add(g + " " + res + " " + v))));
        }
        return all;
    }

    private static Job awaitJob(KubernetesClient test, String component) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> jobs(test, component), js -> !js.isEmpty()).getFirst();
    }

    private static List<Job> jobs(KubernetesClient test, String component) {
        return test.batch().v1().jobs().inNamespace(test.getNamespace()).withLabel("paddock.dev/model", "rbac")
                .withLabel("paddock.dev/component", component).list().getItems();
    }

    private static Model model(String ns, String source) {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName("rbac").withNamespace(ns).build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.source = source;
        m.setSpec(spec);
        return m;
    }
}

package dev.paddock.manager.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Ignore;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two operators with the chart's leader election (JOSDK's Lease code, {@link LeaderElection#configuration}) against
 * one Fabric8 mock API server in CRUD mode: one holds the Lease and alone reconciles; when it stops, the other
 * takes the Lease over and reconciles the next change.
 */
@EnableKubernetesMockClient(crud = true)
class LeaderElectionTest {

    private static final String LEASE = "paddock-model-manager";

    static KubernetesMockServer server;
    static KubernetesClient client;

    private final Queue<String> reconciled = new ConcurrentLinkedQueue<>();
    private Operator first;
    private Operator second;

    @AfterEach
    void stop() {
        for (Operator o : new Operator[] {first, second}) {
            if (o != null) {
                o.stop();
            }
        }
    }

    @Test
    void oneReplicaHoldsTheLeaseAndReconcilesAndTheOtherTakesOverWhenItStops() {
        // the mock server has no RBAC: it answers JOSDK's SelfSubjectRulesReview (its lease-permission check)
        // with the rules the chart's ClusterRole grants on leases
        SelfSubjectRulesReview review = new SelfSubjectRulesReview();
        review.setStatus(new SubjectRulesReviewStatusBuilder().withIncomplete(false)
                .withResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                        .withResources("leases").withVerbs("get", "create", "update").build())
                .build());
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, review).always();

        first = operator("manager-a");
        second = operator("manager-b");
        first.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> holder() != null);
        second.start();
        String leader = holder();
        String follower = leader.equals("manager-a") ? "manager-b" : "manager-a";

        client.resource(model("one")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciled.contains(leader + "/one"));
        assertThat(reconciled).allMatch(r -> r.startsWith(leader + "/"));
        assertThat(holder()).isEqualTo(leader);

        (leader.equals("manager-a") ? first : second).stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> follower.equals(holder()));
        client.resource(model("two")).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> reconciled.contains(follower + "/two"));
        assertThat(reconciled).doesNotContain(leader + "/two");
    }

    private Operator operator(String identity) {
        var configuration = LeaderElection.configuration(LEASE, client.getNamespace(), identity, false);
        Operator operator = new Operator(o -> o.withKubernetesClient(server.createClient())
                .withLeaderElectionConfiguration(configuration).withCloseClientOnStop(true)
                .withStopOnInformerErrorDuringStartup(false));
        operator.register(new Recorder(identity, reconciled), o -> o.settingNamespace(client.getNamespace()));
        return operator;
    }

    private String holder() {
        Lease lease = client.leases().inNamespace(client.getNamespace()).withName(LEASE).get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    private Model model(String name) {
        Model m = new Model();
        m.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(client.getNamespace()).build());
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.source = "https://models.example.org/llama.gguf";
        m.setSpec(spec);
        return m;
    }

    /** Notes which operator reconciled which Model; ignored by quarkus-operator-sdk's build (not the app's). */
    @Ignore
    static final class Recorder implements Reconciler<Model> {
        private final String identity;
        private final Queue<String> reconciled;

        Recorder(String identity, Queue<String> reconciled) {
            this.identity = identity;
            this.reconciled = reconciled;
        }

        @Override
        public UpdateControl<Model> reconcile(Model model, Context<Model> context) {
            reconciled.add(identity + "/" + model.getMetadata().getName());
            return UpdateControl.noUpdate();
        }
    }

}

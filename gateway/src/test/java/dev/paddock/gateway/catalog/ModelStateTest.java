package dev.paddock.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import org.junit.jupiter.api.Test;

/** How the gateway reads the status the operator writes on a Model. */
class ModelStateTest {

    @Test
    void readyWithReadyWorkersIsListedAndServed() {
        ModelState s = ModelState.of(model("True", "Serving", 2));

        assertThat(s.listed()).isTrue();
        assertThat(s.admission()).isEqualTo(ModelState.Kind.SERVE);
    }

    @Test
    void scaledToZeroIsListedAndWakesOnARequest() {
        ModelState s = ModelState.of(model("True", "ScaledToZero", 0));

        assertThat(s.listed()).isTrue();
        assertThat(s.admission()).isEqualTo(ModelState.Kind.WAKE);
    }

    @Test
    void workersStartingIsNotListedButARequestWaitsForThem() {
        ModelState s = ModelState.of(model("False", "WorkersStarting", 0));

        assertThat(s.listed()).isFalse();
        assertThat(s.admission()).isEqualTo(ModelState.Kind.WAKE);
    }

    @Test
    void notCachedOrTopicUnavailableIsRefusedWithTheReason() {
        ModelState notCached = ModelState.of(model("False", "NotCached", 0));
        ModelState noTopic = ModelState.of(model("False", "TopicUnavailable", 1));

        assertThat(notCached.listed()).isFalse();
        assertThat(notCached.admission()).isEqualTo(ModelState.Kind.REFUSE);
        assertThat(notCached.reason()).isEqualTo("NotCached: the operator says so");
        assertThat(noTopic.admission()).isEqualTo(ModelState.Kind.REFUSE);
    }

    @Test
    void modelWithoutStatusOrReadyConditionIsRefused() {
        Model bare = new Model();
        Model noReady = model("True", "Serving", 1);
        noReady.getStatus().conditions.clear();

        assertThat(ModelState.of(bare).admission()).isEqualTo(ModelState.Kind.REFUSE);
        assertThat(ModelState.of(bare).listed()).isFalse();
        assertThat(ModelState.of(noReady).admission()).isEqualTo(ModelState.Kind.REFUSE);
    }

    private static Model model(String ready, String reason, int replicas) {
        Model m = new Model();
        ModelStatus s = new ModelStatus();
        s.replicas = replicas;
        s.conditions.add(new ConditionBuilder().withType(ModelStatus.READY).withStatus(ready).withReason(reason)
                .withMessage("the operator says so").build());
        m.setStatus(s);
        return m;
    }
}

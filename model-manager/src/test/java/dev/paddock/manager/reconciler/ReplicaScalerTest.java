package dev.paddock.manager.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplicaScalerTest {

    private final ReplicaScaler scaler = new ReplicaScaler(4);
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void queueDepthSetsReplicasBetweenMinAndMax() {
        ModelResourceSpec spec = spec(1, 3);
        assertThat(scaler.desired(spec, 0, null, now, now)).isEqualTo(1);
        assertThat(scaler.desired(spec, 5, 1, now, now)).isEqualTo(2);
        assertThat(scaler.desired(spec, 100, 2, now, now)).isEqualTo(3);
    }

    @Test
    void scalesFromZeroWhenARequestIsQueued() {
        assertThat(scaler.desired(spec(0, 3), 1, 0, now, now)).isEqualTo(1);
    }

    @Test
    void keepsWorkersUntilTheIdleTimeoutThenScalesToZero() {
        ModelResourceSpec spec = spec(0, 3);
        spec.idleTimeout = "10m";
        Instant active = now.minus(Duration.ofMinutes(9));
        assertThat(scaler.desired(spec, 0, 2, active, now)).isEqualTo(2);
        assertThat(scaler.desired(spec, 0, 2, active, now.plus(Duration.ofMinutes(1)))).isZero();
    }

    @Test
    void unknownQueueDepthKeepsTheCurrentCount() {
        assertThat(scaler.desired(spec(0, 3), -1, 2, now, now)).isEqualTo(2);
    }

    @Test
    void aFixedReplicaCountWins() {
        ModelResourceSpec spec = spec(0, 3);
        spec.replicas = 2;
        assertThat(scaler.desired(spec, 100, 3, now, now)).isEqualTo(2);
    }

    @Test
    void idleTimeoutUnits() {
        assertThat(ReplicaScaler.idleTimeout("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ReplicaScaler.idleTimeout("2h")).isEqualTo(Duration.ofHours(2));
    }

    private static ModelResourceSpec spec(int min, int max) {
        ModelResourceSpec spec = new ModelResourceSpec();
        spec.minReplicas = min;
        spec.maxReplicas = max;
        return spec;
    }
}

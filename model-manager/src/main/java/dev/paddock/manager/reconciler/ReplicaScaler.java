package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.ModelResourceSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * How many workers a model wants from its queue depth: {@code spec.replicas} when set; otherwise one
 * worker per {@code targetQueuePerReplica} queued requests, between minReplicas and maxReplicas, at
 * least one while anything is queued (scale from zero), never fewer than now until the queue has been
 * empty for {@code idleTimeout}, then minReplicas (zero when it is 0).
 */
final class ReplicaScaler {

    private final int targetQueuePerReplica;

    ReplicaScaler(int targetQueuePerReplica) {
        this.targetQueuePerReplica = targetQueuePerReplica;
    }

    /**
     * @param lag queued requests, or -1 when unknown (Kafka unreachable: keep the current count)
     * @param current workers wanted until now (null for a new model)
     * @param lastActive when requests were last queued
     */
    int desired(ModelResourceSpec spec, long lag, Integer current, Instant lastActive, Instant now) {
        if (spec.replicas != null) {
            return spec.replicas;
        }
        int floor = spec.minReplicas;
        if (lag < 0) {
            return clamp(current == null ? floor : current, spec);
        }
        if (lag > 0) {
            int byQueue = (int) Math.min(Integer.MAX_VALUE, (lag + targetQueuePerReplica - 1) / targetQueuePerReplica);
            return clamp(Math.max(byQueue, current == null ? 1 : current), spec);
        }
        boolean idle = !now.isBefore(lastActive.plus(idleTimeout(spec.idleTimeout)));
        return idle || current == null ? floor : clamp(current, spec);
    }

    static Duration idleTimeout(String text) {
        long n = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static int clamp(int n, ModelResourceSpec spec) {
        return Math.max(spec.minReplicas, Math.min(spec.maxReplicas, n));
    }
}

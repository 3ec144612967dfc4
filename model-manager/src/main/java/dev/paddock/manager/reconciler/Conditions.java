package dev.paddock.manager.reconciler;

import dev.paddock.api.model.v1alpha1.ModelStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.Objects;

/** Sets conditions, keeping {@code lastTransitionTime} when the condition's status did not change. */
final class Conditions {

    private Conditions() {
    }

    static void set(ModelStatus status, ModelStatus previous, String type, boolean ok, String reason, String message,
            long generation) {
        Condition before = previous == null ? null : previous.condition(type);
        String value = ok ? "True" : "False";
        String since = before != null && Objects.equals(before.getStatus(), value) ? before.getLastTransitionTime()
                : Instant.now().toString();
        status.conditions.removeIf(c -> type.equals(c.getType()));
        status.conditions.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason)
                .withMessage(message).withLastTransitionTime(since).withObservedGeneration(generation).build());
    }
}

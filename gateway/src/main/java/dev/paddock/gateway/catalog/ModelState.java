package dev.paddock.gateway.catalog;

import dev.paddock.api.model.v1alpha1.Model;
import dev.paddock.api.model.v1alpha1.ModelStatus;
import io.fabric8.kubernetes.api.model.Condition;

/**
 * What a {@link Model}'s status, as the operator writes it, means to the gateway: listed when its
 * {@code Ready} condition is True; serving when workers are ready too; asleep when it is Ready with no
 * worker (scaled to zero) or its workers are starting; anything else (not cached yet, topic missing, no
 * status yet) cannot take requests now.
 *
 * @param listed whether {@code GET /v1/models} shows it
 * @param admission what a request for it does now
 * @param reason the Ready condition's reason and message, for refusals
 */
record ModelState(boolean listed, Kind admission, String reason) {

    /** What a request does. */
    enum Kind {
        /** Goes to a worker. */
        SERVE,
        /** Is queued and waits for a worker to start. */
        WAKE,
        /** Is refused with 503 model_loading. */
        REFUSE
    }

    static ModelState of(Model model) {
        ModelStatus status = model.getStatus();
        Condition ready = status == null ? null : status.condition(ModelStatus.READY);
        if (ready == null) {
            return new ModelState(false, Kind.REFUSE, "the operator has not reconciled it yet");
        }
        boolean listed = "True".equals(ready.getStatus());
        int replicas = status.replicas == null ? 0 : status.replicas;
        Kind kind = listed && replicas > 0 ? Kind.SERVE
                : listed || "WorkersStarting".equals(ready.getReason()) ? Kind.WAKE : Kind.REFUSE;
        return new ModelState(listed, kind, ready.getReason() + ": " + ready.getMessage());
    }
}

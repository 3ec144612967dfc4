package dev.paddock.gateway.catalog;

import dev.paddock.api.inference.v1.ModelInfo;
import java.time.Duration;

/**
 * A request's model and whether it is asleep: a request for a model scaled to zero is queued at once (the
 * queued record is the demand the operator scales on) and waits up to {@code wakeTimeout} for a worker.
 *
 * @param model the model the request goes to
 * @param wakeTimeout how long to wait for a worker to start; null when one serves the model now
 */
public record Admission(ModelInfo model, Duration wakeTimeout) {

    /** A request for a model a worker serves now. */
    public static Admission now(ModelInfo model) {
        return new Admission(model, null);
    }

    /** Whether the model is scaled to zero (or its workers are still starting). */
    public boolean waking() {
        return wakeTimeout != null;
    }
}

package dev.paddock.worker.engine;

import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Work that a generation's chunk consumers put off until the engine step that produced the chunks is over:
 * one step makes a chunk for each running sequence, one after another, and a consumer that hands chunks to
 * another thread can wake that thread once per step instead of once per chunk. Only the scheduler's thread is
 * ever inside a step; elsewhere {@link #defer} refuses and the caller acts at once.
 */
public final class StepEnd {

    private static final Logger LOG = Logger.getLogger(StepEnd.class);
    private static final ThreadLocal<StepEnd> CURRENT = new ThreadLocal<>();

    private final List<Runnable> actions = new ArrayList<>();

    /** One per scheduler thread, which alone calls {@link #begin} and {@link #end}. */
    public StepEnd() {
    }

    /**
     * Runs {@code action} once when the current step ends, however often it is deferred during the step (the
     * same object counts once). Returns false, and keeps nothing, when this thread is not running a step.
     */
    public static boolean defer(Runnable action) {
        StepEnd s = CURRENT.get();
        if (s == null) {
            return false;
        }
        if (!s.actions.contains(action)) {
            s.actions.add(action);
        }
        return true;
    }

    /** Starts a step on this thread (the scheduler's, which owns this object); {@link #end} must follow. */
    public void begin() {
        CURRENT.set(this);
    }

    /**
     * Ends the step: runs what was deferred, in the order it was first deferred, each once. An action that
     * throws is logged and does not keep the others from running, nor fail the engine's generations.
     */
    public void end() {
        // outside the step now, so an action that defers again is refused and acts at once: the list stays as it is
        CURRENT.remove();
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                LOG.warn("work deferred to the end of an engine step failed", e);
            }
        }
        actions.clear();
    }
}

package dev.paddock.gateway.routing;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.WorkItem;
import dev.paddock.api.inference.v1.wire.ReplyCodec;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One request this gateway waits on. Each attempt has its own correlation id; the first worker that
 * says it started an attempt owns it, and replies from any other worker are refused (they come from a
 * record Kafka delivered twice). The timers scheduled for it (deadline, scale-from-zero wait) are cancelled
 * when it finishes, so a finished request is not kept until its deadline.
 */
abstract class PendingRequest {

    final String requestId;
    final String model;
    final Priority priority;
    final Instant deadline;
    /** The trace context the request was made in (the client's HTTP span): parent of every publish. */
    final Context trace = Context.current();
    private int attempt;
    private WorkerLink owner;
    private boolean done;
    private final List<Future<?>> timers = new ArrayList<>();

    PendingRequest(String requestId, String model, Priority priority, Instant deadline) {
        this.requestId = requestId;
        this.model = model;
        this.priority = priority;
        this.deadline = deadline;
    }

    /** The record value of the current attempt. */
    abstract WorkItem item();

    /** Handles a reply of the owning worker; returns true when the request is finished. */
    final boolean onReply(Reply reply) {
        if (reply.hasFailure()) {
            fail(ReplyCodec.decode(reply.getFailure()));
            return true;
        }
        return onResult(reply);
    }

    /** Handles a chunk or a result; returns true when the request is finished. */
    abstract boolean onResult(Reply reply);

    /** Ends the request with a failure (before or during its stream). */
    abstract void fail(InferenceException e);

    /** Whether sending the request again cannot show the client anything twice. */
    abstract boolean retriable();

    synchronized String correlationId() {
        return requestId + "#" + attempt;
    }

    /** Starts a new attempt after the owner went away; returns its correlation id. */
    synchronized String nextAttempt() {
        attempt++;
        owner = null;
        return correlationId();
    }

    synchronized int attempts() {
        return attempt;
    }

    /** Claims the request for a worker; false when another worker already owns it. */
    synchronized boolean claim(WorkerLink link) {
        if (owner == null) {
            owner = link;
        }
        return owner == link;
    }

    synchronized WorkerLink owner() {
        return owner;
    }

    synchronized boolean isOwnedBy(WorkerLink link) {
        return owner == link;
    }

    /** Keeps a timer to cancel when the request finishes; cancels it at once when it already has. */
    synchronized void addTimer(Future<?> timer) {
        if (done) {
            timer.cancel(false);
        } else {
            timers.add(timer);
        }
    }

    /** Marks the request finished and cancels its timers; false when it already was finished. */
    synchronized boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        return true;
    }

    synchronized boolean isDone() {
        return done;
    }
}

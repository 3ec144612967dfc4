package dev.paddock.gateway.routing;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.proto.GatewayMessage;
import dev.paddock.api.inference.v1.proto.RepliesGrpc;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.WorkerMessage;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The gRPC reply service: routes each worker's replies to the request waiting on them, refuses replies
 * nobody waits for (cancelling them at the worker), and when a worker's stream breaks, sends its
 * requests that showed no token yet again and ends the others with an error.
 */
final class ReplyRouter extends RepliesGrpc.RepliesImplBase {

    private static final Logger LOG = Logger.getLogger(ReplyRouter.class);

    private final Map<String, PendingRequest> pending = new ConcurrentHashMap<>();
    private final Set<WorkerLink> links = ConcurrentHashMap.newKeySet();
    private final RoutingMetrics metrics;
    private final int retries;
    private Consumer<PendingRequest> resend = p -> { };

    ReplyRouter(RoutingMetrics metrics, int retries) {
        this.metrics = metrics;
        this.retries = retries;
    }

    void onResend(Consumer<PendingRequest> action) {
        this.resend = action;
    }

    void add(PendingRequest p) {
        pending.put(p.correlationId(), p);
    }

    /** Forgets a request; returns it when it was still waiting. */
    PendingRequest remove(String correlationId) {
        return pending.remove(correlationId);
    }

    /** Requests of a model and class published to Kafka that no worker has started yet. */
    int waiting(String model, Priority priority) {
        return (int) pending.values().stream()
                .filter(p -> p.model.equals(model) && p.priority == priority && p.owner() == null).count();
    }

    /** Requests this gateway waits on, queued or running. */
    int pending() {
        return pending.size();
    }

    int openStreams() {
        return links.size();
    }

    @Override
    public StreamObserver<WorkerMessage> connect(StreamObserver<GatewayMessage> toWorker) {
        WorkerLink link = new WorkerLink(toWorker);
        links.add(link);
        return new StreamObserver<>() {
            @Override
            public void onNext(WorkerMessage m) {
                if (m.hasHello()) {
                    link.identify(m.getHello().getWorkerId());
                } else if (m.hasReply()) {
                    route(link, m.getReply());
                } else if (m.hasReplies()) {
                    m.getReplies().getRepliesList().forEach(r -> route(link, r));
                }
            }

            @Override
            public void onError(Throwable t) {
                lost(link);
            }

            @Override
            public void onCompleted() {
                lost(link);
                link.close();
            }
        };
    }

    void closeAll() {
        links.forEach(WorkerLink::close);
    }

    private void route(WorkerLink link, Reply reply) {
        String id = reply.getCorrelationId();
        PendingRequest p = pending.get(id);
        if (p == null || !p.claim(link)) {
            link.cancel(id);
            return;
        }
        if (reply.hasStarted()) {
            metrics.started(p);
            return;
        }
        if (p.onReply(reply)) {
            pending.remove(id, p);
        }
    }

    private void lost(WorkerLink link) {
        if (!links.remove(link)) {
            return;
        }
        List<PendingRequest> orphans = pending.values().stream().filter(p -> p.isOwnedBy(link)).toList();
        if (!orphans.isEmpty()) {
            LOG.warnf("worker %s went away with %d requests", link.workerId(), orphans.size());
        }
        for (PendingRequest p : orphans) {
            pending.remove(p.correlationId(), p);
            if (p.retriable() && p.attempts() < retries && !p.isDone()) {
                metrics.redelivered(p);
                p.nextAttempt();
                pending.put(p.correlationId(), p);
                resend.accept(p);
            } else {
                p.fail(new InferenceException(InferenceException.Kind.INTERNAL, null,
                        "the worker serving this request stopped (" + link.workerId() + ")"));
            }
        }
    }
}

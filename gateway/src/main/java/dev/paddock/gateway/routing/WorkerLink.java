package dev.paddock.gateway.routing;

import dev.paddock.api.inference.v1.proto.Cancel;
import dev.paddock.api.inference.v1.proto.GatewayMessage;
import io.grpc.stub.StreamObserver;

/** The gateway's end of one worker's reply stream: where cancellations for that worker go. */
final class WorkerLink {

    private final StreamObserver<GatewayMessage> toWorker;
    private volatile String workerId = "unknown";

    WorkerLink(StreamObserver<GatewayMessage> toWorker) {
        this.toWorker = toWorker;
    }

    void identify(String id) {
        this.workerId = id;
    }

    String workerId() {
        return workerId;
    }

    /** Tells the worker to stop computing a request (its stream may already be gone). */
    void cancel(String correlationId) {
        GatewayMessage m = GatewayMessage.newBuilder().setCancel(Cancel.newBuilder().setCorrelationId(correlationId))
                .build();
        synchronized (toWorker) {
            try {
                toWorker.onNext(m);
            } catch (RuntimeException e) {
                // the stream closed meanwhile: the worker cancels everything of this gateway by itself
            }
        }
    }

    void close() {
        synchronized (toWorker) {
            try {
                toWorker.onCompleted();
            } catch (RuntimeException e) {
                // already closed
            }
        }
    }
}

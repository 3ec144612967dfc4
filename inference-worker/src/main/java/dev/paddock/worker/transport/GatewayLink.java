package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.proto.GatewayMessage;
import dev.paddock.api.inference.v1.proto.Hello;
import dev.paddock.api.inference.v1.proto.RepliesGrpc;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.WorkerMessage;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The worker's end of its one reply stream to a gateway: carries the replies of every request from that
 * gateway, and receives the gateway's cancellations. When the stream breaks (the gateway died), every
 * request of that gateway is cancelled at once.
 */
final class GatewayLink implements AutoCloseable {

    private final String address;
    private final ManagedChannel channel;
    private final Map<String, Runnable> running = new ConcurrentHashMap<>();
    private final StreamObserver<WorkerMessage> toGateway;
    private volatile boolean broken;

    GatewayLink(String address, String workerId, Consumer<GatewayLink> onBroken, ClientInterceptor tracing) {
        this.address = address;
        this.channel = NettyChannelBuilder.forTarget(address).usePlaintext().build();
        this.toGateway = RepliesGrpc.newStub(channel).withInterceptors(tracing).connect(new StreamObserver<>() {
            @Override
            public void onNext(GatewayMessage m) {
                if (m.hasCancel()) {
                    cancel(m.getCancel().getCorrelationId());
                }
            }

            @Override
            public void onError(Throwable t) {
                breakOff(onBroken);
            }

            @Override
            public void onCompleted() {
                breakOff(onBroken);
            }
        });
        send(WorkerMessage.newBuilder().setHello(Hello.newBuilder().setWorkerId(workerId)).build());
    }

    String address() {
        return address;
    }

    boolean isBroken() {
        return broken;
    }

    /** Registers how to stop a request when the gateway cancels it or goes away. */
    void track(String correlationId, Runnable cancel) {
        running.put(correlationId, cancel);
        if (broken) {
            cancel(correlationId);
        }
    }

    void untrack(String correlationId) {
        running.remove(correlationId);
    }

    void reply(Reply reply) {
        send(WorkerMessage.newBuilder().setReply(reply).build());
    }

    @Override
    public void close() {
        synchronized (toGateway) {
            try {
                toGateway.onCompleted();
            } catch (RuntimeException e) {
                // already broken
            }
        }
        channel.shutdown();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(WorkerMessage m) {
        synchronized (toGateway) {
            if (!broken) {
                toGateway.onNext(m);
            }
        }
    }

    private void cancel(String correlationId) {
        Runnable c = running.remove(correlationId);
        if (c != null) {
            c.run();
        }
    }

    private void breakOff(Consumer<GatewayLink> onBroken) {
        broken = true;
        onBroken.accept(this);
        running.keySet().forEach(this::cancel);
        channel.shutdownNow();
    }
}

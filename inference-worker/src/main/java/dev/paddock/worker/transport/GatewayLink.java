package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.proto.GatewayMessage;
import dev.paddock.api.inference.v1.proto.Hello;
import dev.paddock.api.inference.v1.proto.ReplyBatch;
import dev.paddock.api.inference.v1.proto.RepliesGrpc;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.WorkerMessage;
import dev.paddock.worker.engine.StepEnd;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The worker's end of its one reply stream to a gateway: carries the replies of every request from that
 * gateway, and receives the gateway's cancellations. When the stream breaks (the gateway died), every
 * request of that gateway is cancelled at once.
 *
 * <p>Replies are sent by the link's own thread, which takes every reply waiting when it runs: the engine
 * makes one chunk per running sequence in each step, one after the other, so at concurrency 8 a step's
 * chunks mostly leave as one message ({@link ReplyBatch}) instead of eight, and the engine thread does not
 * serialize protobuf or frame gRPC messages between steps. A reply made during an engine step wakes that
 * thread only when the step is over ({@link StepEnd}), so the step's chunks go as one message: waking it at
 * the first chunk sent 3.6 replies per message at c=8 (now 6.8) and woke it 1.5 times as often, each wake-up a thread
 * competing with the engine for a core (measured in bench/RESULTS-distributed.md).
 */
final class GatewayLink implements AutoCloseable {

    /** A message of several replies stays well under gRPC's default 4 MiB inbound limit. */
    static final int MAX_BATCH_BYTES = 1 << 20;

    private final String address;
    private final ManagedChannel channel;
    private final Map<String, Runnable> running = new ConcurrentHashMap<>();
    private final StreamObserver<WorkerMessage> toGateway;
    private final Queue<Reply> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final ExecutorService sender;
    private final Consumer<GatewayLink> onBroken;
    /** The same object each time, so that a step defers it once. */
    private final Runnable wake = this::wake;
    private volatile boolean broken;

    GatewayLink(String address, String workerId, Consumer<GatewayLink> onBroken, ClientInterceptor tracing) {
        this(address, workerId, onBroken, tracing, Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("paddock-replies-" + address).factory()));
    }

    /** {@code sender} runs one task at a time (the link's thread). */
    GatewayLink(String address, String workerId, Consumer<GatewayLink> onBroken, ClientInterceptor tracing,
            ExecutorService sender) {
        this.address = address;
        this.onBroken = onBroken;
        this.sender = sender;
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
                breakOff();
            }

            @Override
            public void onCompleted() {
                breakOff();
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

    /**
     * Queues a reply; the link's thread sends it, with the others waiting then, in the order they came. A reply
     * made during an engine step wakes that thread when the step is over, once for all of the step's chunks.
     */
    void reply(Reply reply) {
        if (broken) {
            return;
        }
        outbox.add(reply);
        if (!StepEnd.defer(wake)) {
            wake.run();
        }
    }

    private void wake() {
        if (draining.compareAndSet(false, true)) {
            try {
                sender.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // closing: close() sends what is left
                draining.set(false);
            }
        }
    }

    private void drain() {
        do {
            try {
                sendWaiting();
            } catch (RuntimeException e) {
                // the stream refused a message: it is broken, and so are the requests it carried
                breakOff();
            } finally {
                draining.set(false);
            }
        } while (!outbox.isEmpty() && draining.compareAndSet(false, true));
    }

    private void sendWaiting() {
        List<Reply> batch = new ArrayList<>();
        int bytes = 0;
        for (Reply r = outbox.poll(); r != null; r = outbox.poll()) {
            int size = r.getSerializedSize();
            if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                sendBatch(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(r);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(batch);
        }
    }

    private void sendBatch(List<Reply> batch) {
        send(batch.size() == 1 ? WorkerMessage.newBuilder().setReply(batch.getFirst()).build()
                : WorkerMessage.newBuilder().setReplies(ReplyBatch.newBuilder().addAllReplies(batch)).build());
    }

    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            sendWaiting();
        } catch (RuntimeException e) {
            // already broken
        }
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

    private synchronized void breakOff() {
        if (broken) {
            return;
        }
        broken = true;
        outbox.clear();
        onBroken.accept(this);
        running.keySet().forEach(this::cancel);
        channel.shutdownNow();
        sender.shutdown();
    }
}

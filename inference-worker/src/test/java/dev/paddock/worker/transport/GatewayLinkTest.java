package dev.paddock.worker.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.paddock.api.inference.v1.proto.Chunk;
import dev.paddock.api.inference.v1.proto.GatewayMessage;
import dev.paddock.api.inference.v1.proto.RepliesGrpc;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.WorkerMessage;
import dev.paddock.worker.engine.StepEnd;
import dev.paddock.worker.tracing.RecordTracing;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's reply stream against a real gRPC server: replies waiting together leave as one message. */
class GatewayLinkTest {

    private final List<WorkerMessage> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService sender = Executors.newSingleThreadExecutor();
    private Server gateway;
    private GatewayLink link;

    @BeforeEach
    void start() throws Exception {
        gateway = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new RepliesGrpc.RepliesImplBase() {
                    @Override
                    public StreamObserver<WorkerMessage> connect(StreamObserver<GatewayMessage> toWorker) {
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(WorkerMessage m) {
                                received.add(m);
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                                toWorker.onCompleted();
                            }
                        };
                    }
                }).build().start();
        // the link's thread is busy (as it is while it sends) until the test releases it
        sender.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        link = new GatewayLink("127.0.0.1:" + gateway.getPort(), "w1", l -> { }, RecordTracing.OFF.replyStreamContext(), sender);
    }

    @AfterEach
    void stop() {
        release.countDown();
        link.close();
        gateway.shutdownNow();
    }

    @Test
    void repliesThatWaitedTogetherLeaveAsOneMessageInTheirOrder() {
        for (int i = 0; i < 3; i++) {
            link.reply(chunk("r" + i, "token " + i));
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertThat(received.getFirst().getHello().getWorkerId()).isEqualTo("w1");
        assertThat(received.get(1).getReplies().getRepliesList()).extracting(Reply::getCorrelationId)
                .containsExactly("r0", "r1", "r2");
        link.reply(chunk("r3", "alone"));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(received.get(2).getReply().getCorrelationId()).as("a reply nothing waited beside").isEqualTo("r3");
    }

    @Test
    void aMessageOfSeveralRepliesStaysUnderTheBatchLimit() {
        String big = "x".repeat(GatewayLink.MAX_BATCH_BYTES * 3 / 5);
        link.reply(chunk("a", big));
        link.reply(chunk("b", big));
        link.reply(chunk("c", "small"));
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertThat(received.get(1).getReply().getCorrelationId()).isEqualTo("a");
        assertThat(received.get(2).getReplies().getRepliesList()).extracting(Reply::getCorrelationId)
                .containsExactly("b", "c");
        assertThat(received.subList(1, 3)).allSatisfy(m -> assertThat(m.getSerializedSize())
                .isLessThan(GatewayLink.MAX_BATCH_BYTES + 1024));
    }

    @Test
    void anEngineStepsRepliesWakeTheLinkOnceWhenTheStepEnds() throws Exception {
        // the other link's Hello first, so that every later message is this link's
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        ThreadPoolExecutor stepSender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        GatewayLink stepLink = new GatewayLink("127.0.0.1:" + gateway.getPort(), "w2", l -> { },
                RecordTracing.OFF.replyStreamContext(), stepSender);
        try {
            StepEnd step = new StepEnd();
            step.begin();
            for (int i = 0; i < 4; i++) {
                stepLink.reply(chunk("s" + i, "token " + i));
            }
            assertThat(stepSender.getTaskCount()).as("the link's thread is not woken during the step").isZero();
            step.end();
            await().atMost(Duration.ofSeconds(10)).until(() -> fromWorker("w2").size() == 2);
            assertThat(stepSender.getTaskCount()).as("woken once, at the step's end").isEqualTo(1);
            assertThat(fromWorker("w2").get(1).getReplies().getRepliesList()).extracting(Reply::getCorrelationId)
                    .containsExactly("s0", "s1", "s2", "s3");
            stepLink.reply(chunk("s4", "outside a step"));
            await().atMost(Duration.ofSeconds(10)).until(() -> fromWorker("w2").size() == 3);
            assertThat(fromWorker("w2").get(2).getReply().getCorrelationId()).isEqualTo("s4");
        } finally {
            stepLink.close();
        }
    }

    /** The messages from the Hello naming this worker on (the other link sends only its Hello, before it). */
    private List<WorkerMessage> fromWorker(String workerId) {
        List<WorkerMessage> mine = new ArrayList<>();
        boolean in = false;
        for (WorkerMessage m : received) {
            if (m.hasHello()) {
                in = m.getHello().getWorkerId().equals(workerId);
            }
            if (in) {
                mine.add(m);
            }
        }
        return mine;
    }

    private static Reply chunk(String id, String text) {
        return Reply.newBuilder().setCorrelationId(id)
                .setChunk(Chunk.newBuilder().setTextBytes(ByteString.copyFromUtf8(text))).build();
    }
}

package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.Started;
import dev.paddock.api.inference.v1.proto.WorkItem;
import dev.paddock.api.inference.v1.wire.ReplyCodec;
import dev.paddock.api.inference.v1.wire.RequestCodec;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One request taken from Kafka, run on the local engine with its replies streamed to the gateway.
 * {@code whenDone} runs exactly once, when the request finished, failed or was cancelled: only then may
 * its offset be committed.
 */
final class Execution {

    private static final Logger LOG = Logger.getLogger(Execution.class);

    private final WorkItem item;
    private final GatewayLink link;
    private final Runnable onCancelled;
    private final Runnable whenDone;
    private final Duration streamInterval;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Cancellable subscription;

    /**
     * {@code streamInterval}: how long generated chunks may be gathered into one before they are sent (zero: each
     * is sent as it comes); {@code onCancelled} counts a cancellation; {@code whenDone} runs once the request ended, however. */
    Execution(WorkItem item, GatewayLink link, Duration streamInterval, Runnable onCancelled, Runnable whenDone) {
        this.item = item;
        this.streamInterval = streamInterval;
        this.link = link;
        this.onCancelled = onCancelled;
        this.whenDone = whenDone;
    }

    void run(InferenceService engine) {
        String id = item.getCorrelationId();
        link.track(id, this::cancel);
        reply(Reply.newBuilder().setStarted(Started.getDefaultInstance()));
        try {
            subscription = item.hasGenerate() ? generate(engine) : embed(engine);
        } catch (InferenceException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "request %s failed", id);
            fail(new InferenceException(InferenceException.Kind.INTERNAL, e.getMessage(), e));
        }
        if (done.get() && subscription != null) {
            subscription.cancel();
        }
    }

    private Cancellable generate(InferenceService engine) {
        ChunkCoalescer chunks = new ChunkCoalescer(streamInterval, c -> reply(Reply.newBuilder().setChunk(c)));
        return engine.generate(RequestCodec.decode(item.getGenerate())).subscribe().with(
                chunk -> chunks.add(ReplyCodec.encode(chunk)), t -> {
                    chunks.flush();
                    fail(t);
                }, () -> {
                    chunks.flush();
                    finish();
                });
    }

    private Cancellable embed(InferenceService engine) {
        return engine.embed(RequestCodec.decode(item.getEmbed())).subscribe().with(
                result -> {
                    reply(Reply.newBuilder().setEmbeddings(ReplyCodec.encode(result)));
                    finish();
                }, this::fail);
    }

    private void fail(Throwable t) {
        InferenceException e = t instanceof InferenceException ie ? ie
                : new InferenceException(InferenceException.Kind.INTERNAL, String.valueOf(t.getMessage()), t);
        reply(Reply.newBuilder().setFailure(ReplyCodec.encode(e)));
        finish();
    }

    private void cancel() {
        if (done.get()) {
            return;
        }
        onCancelled.run();
        Cancellable s = subscription;
        if (s != null) {
            s.cancel();
        }
        finish();
    }

    private void reply(Reply.Builder reply) {
        if (done.get()) {
            return;
        }
        try {
            link.reply(reply.setCorrelationId(item.getCorrelationId()).build());
        } catch (RuntimeException e) {
            // the stream to the gateway broke: nobody can receive this request's output any more
            cancel();
        }
    }

    private void finish() {
        if (done.compareAndSet(false, true)) {
            link.untrack(item.getCorrelationId());
            whenDone.run();
        }
    }
}

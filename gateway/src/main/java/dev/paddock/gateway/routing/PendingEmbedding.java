package dev.paddock.gateway.routing;

import dev.paddock.api.inference.v1.EmbedRequest;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.WorkItem;
import dev.paddock.api.inference.v1.wire.ReplyCodec;
import dev.paddock.api.inference.v1.wire.RequestCodec;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Instant;

/** An embedding request waiting on its vectors. */
final class PendingEmbedding extends PendingRequest {

    private final EmbedRequest request;
    private final UniEmitter<? super EmbedResult> emitter;

    PendingEmbedding(EmbedRequest request, String model, Instant deadline, UniEmitter<? super EmbedResult> emitter) {
        super(request.id(), model, Priority.INTERACTIVE, deadline);
        this.request = request;
        this.emitter = emitter;
    }

    @Override
    WorkItem item() {
        return RequestCodec.encode(correlationId(), request);
    }

    @Override
    boolean onResult(Reply reply) {
        if (!reply.hasEmbeddings()) {
            return false;
        }
        if (finish()) {
            emitter.complete(ReplyCodec.decode(reply.getEmbeddings()));
        }
        return true;
    }

    @Override
    void fail(InferenceException e) {
        if (finish()) {
            emitter.fail(e);
        }
    }

    @Override
    boolean retriable() {
        return true;
    }
}

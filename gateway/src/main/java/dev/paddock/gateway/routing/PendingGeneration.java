package dev.paddock.gateway.routing;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.proto.Reply;
import dev.paddock.api.inference.v1.proto.WorkItem;
import dev.paddock.api.inference.v1.wire.ReplyCodec;
import dev.paddock.api.inference.v1.wire.RequestCodec;
import io.smallrye.mutiny.subscription.MultiEmitter;

/** A generation waiting on its chunks. */
final class PendingGeneration extends PendingRequest {

    private final GenerateRequest request;
    private final MultiEmitter<? super Chunk> emitter;
    private volatile boolean streaming;

    PendingGeneration(GenerateRequest request, String model, MultiEmitter<? super Chunk> emitter) {
        super(request.id(), model, request.priority(), request.deadline());
        this.request = request;
        this.emitter = emitter;
    }

    @Override
    WorkItem item() {
        return RequestCodec.encode(correlationId(), request);
    }

    @Override
    boolean onResult(Reply reply) {
        if (!reply.hasChunk()) {
            return false;
        }
        Chunk chunk = ReplyCodec.decode(reply.getChunk());
        streaming = true;
        if (chunk.isLast() && !finish()) {
            return true;
        }
        emitter.emit(chunk);
        if (chunk.isLast()) {
            emitter.complete();
            return true;
        }
        return false;
    }

    @Override
    void fail(InferenceException e) {
        if (!finish()) {
            return;
        }
        if (streaming) {
            // the client already has tokens: end the stream with an error event instead of an error status
            emitter.emit(Chunk.error(e.getMessage(), null));
            emitter.complete();
        } else {
            emitter.fail(e);
        }
    }

    @Override
    boolean retriable() {
        return !streaming;
    }
}

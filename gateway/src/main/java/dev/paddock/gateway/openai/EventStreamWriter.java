package dev.paddock.gateway.openai;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.AbstractMulti;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.Flow;

/**
 * Writes a generation's event stream straight to the HTTP response, one {@code write} per frame, and
 * gives the REST layer a stream that emits nothing and ends when the last frame is written.
 *
 * <p>Handing every frame to the REST layer instead costs, per chunk, a lookup of the entity's body writers,
 * two copies of the bytes and a thread hop before the next chunk is requested; with eight streams at a token
 * every few milliseconds each, that was about two fifths of the event loop's time. What the REST layer does
 * for a stream is kept: a failure before the first frame goes on to it, so the exception mappers still answer
 * with an error status and envelope; once a frame is sent the failure becomes the stream's last event
 * ({@link EventStream#onFailure}); a client that goes away makes it cancel this stream, which cancels the
 * generations (their slots are freed); and it ends the response.
 *
 * <p>Chunks arrive on the request's event loop ({@link Generations}), where the response is written. A chunk
 * is requested after the previous one's frames are written, or once the connection drains when its write
 * queue is full, so a slow reader holds chunks back in the generation's buffer rather than in the socket's.
 */
final class EventStreamWriter extends AbstractMulti<Buffer> {

    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream; charset=utf-8");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");

    private final Multi<IndexedChunk> chunks;
    private final EventStream events;
    private final HttpServerResponse response;

    EventStreamWriter(Multi<IndexedChunk> chunks, EventStream events, HttpServerResponse response) {
        this.chunks = chunks;
        this.events = events;
        this.response = response;
    }

    @Override
    public void subscribe(MultiSubscriber<? super Buffer> rest) {
        chunks.subscribe(new Writer(rest));
    }

    private final class Writer implements MultiSubscriber<IndexedChunk>, Flow.Subscription {

        private final MultiSubscriber<? super Buffer> rest;
        private Flow.Subscription generation;
        private boolean done;

        Writer(MultiSubscriber<? super Buffer> rest) {
            this.rest = rest;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            generation = subscription;
            rest.onSubscribe(this);
            subscription.request(1);
        }

        @Override
        public void onItem(IndexedChunk chunk) {
            if (done) {
                return;
            }
            Buffer frames;
            try {
                frames = events.onChunk(chunk);
            } catch (RuntimeException e) {
                generation.cancel();
                onFailure(e);
                return;
            }
            if (frames.length() > 0 && !write(frames)) {
                return;
            }
            if (response.writeQueueFull()) {
                response.drainHandler(ignored -> {
                    if (!done) {
                        generation.request(1);
                    }
                });
            } else {
                generation.request(1);
            }
        }

        @Override
        public void onFailure(Throwable failure) {
            if (done) {
                return;
            }
            if (!response.headWritten()) {
                // nothing sent yet: the REST layer answers with the mapped error status
                done = true;
                rest.onFailure(failure);
                return;
            }
            if (write(events.onFailure(failure))) {
                finish();
            }
        }

        @Override
        public void onCompletion() {
            if (done) {
                return;
            }
            if (write(events.closing())) {
                finish();
            }
        }

        /** Writes frames; false (and the generation cancelled) when the response can take no more. */
        private boolean write(Buffer frames) {
            if (response.closed() || response.ended()) {
                cancel();
                return false;
            }
            if (!response.headWritten()) {
                response.setStatusCode(200).setChunked(true);
                response.headers().set(HttpHeaders.CONTENT_TYPE, EVENT_STREAM).set(HttpHeaders.CACHE_CONTROL, NO_CACHE);
            }
            response.write(frames);
            return true;
        }

        private void finish() {
            if (!done) {
                done = true;
                rest.onCompletion();
            }
        }

        /** The REST layer's demand: it gets no items, so there is nothing to count. */
        @Override
        public void request(long n) {
        }

        /** The client went away (or a write found the response closed): stop the generations. */
        @Override
        public void cancel() {
            if (!done) {
                done = true;
                generation.cancel();
            }
        }
    }
}

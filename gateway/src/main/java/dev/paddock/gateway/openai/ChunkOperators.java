package dev.paddock.gateway.openai;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.MultiMapOp;
import java.util.function.Function;

/**
 * {@code map} for the operators that run once per chunk, on the engine's thread and
 * on the event loop. Mutiny's own methods hand every function to the installed interceptors, and with context
 * propagation present (it comes with OpenTelemetry) each function is wrapped to capture and restore the request's
 * contexts at every call: about a sixth of the event loop's time when streaming, and a share of the engine
 * thread's. These functions need none of those contexts (they frame, count and time chunks), so they are
 * plugged in as Mutiny's plain operators, unwrapped.
 */
final class ChunkOperators {

    private ChunkOperators() {
    }

    /** The items mapped by {@code mapper}, called as it is. */
    static <T, R> Multi<R> map(Multi<T> upstream, Function<? super T, ? extends R> mapper) {
        return upstream.plug(m -> new MultiMapOp<>(m, mapper));
    }
}

package dev.paddock.worker.transport;

import io.grpc.ClientInterceptor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One reply stream per gateway this worker serves, opened on the first request naming it. */
final class GatewayLinks implements AutoCloseable {

    private final String workerId;
    private final ClientInterceptor tracing;
    private final Map<String, GatewayLink> links = new ConcurrentHashMap<>();

    GatewayLinks(String workerId, ClientInterceptor tracing) {
        this.workerId = workerId;
        this.tracing = tracing;
    }

    GatewayLink to(String address) {
        return links.compute(address, (a, existing) -> existing == null || existing.isBroken()
                ? new GatewayLink(a, workerId, this::forget, tracing) : existing);
    }

    int open() {
        return links.size();
    }

    @Override
    public void close() {
        links.values().forEach(GatewayLink::close);
        links.clear();
    }

    private void forget(GatewayLink link) {
        links.remove(link.address(), link);
    }
}

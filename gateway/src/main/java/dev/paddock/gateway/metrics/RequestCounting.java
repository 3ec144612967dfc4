package dev.paddock.gateway.metrics;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Counts every {@code /v1} request when its response ends, whatever answered it (a resource, a filter,
 * an exception mapper), labelled with the model the resource recorded via {@link #model}. A client
 * that goes away before a status was sent is counted with status 499 (a stream it leaves keeps its 200).
 */
@ApplicationScoped
public class RequestCounting {

    private static final String MODEL = "paddock.model";
    private static final int CLIENT_CLOSED = 499;

    private final GatewayMetrics metrics;

    RequestCounting(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    /** Records the model a request is for, once its body is read. */
    public static void model(RoutingContext context, String model) {
        context.put(MODEL, model);
    }

    void install(@Observes Router router) {
        // ahead of the REST layer, which is registered with a later order
        router.route("/v1/*").order(-100).handler(this::countOnEnd);
    }

    private void countOnEnd(RoutingContext context) {
        String endpoint = endpoint(context.normalizedPath());
        context.addEndHandler(result -> {
            String model = context.get(MODEL, "unknown");
            boolean answered = result.succeeded() || context.response().headWritten();
            int status = answered ? context.response().getStatusCode() : CLIENT_CLOSED;
            metrics.countRequest(model, endpoint, status);
        });
        context.next();
    }

    private static String endpoint(String path) {
        return switch (path) {
            case "/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/models" -> path;
            default -> path.startsWith("/v1/models/") ? "/v1/models" : "other";
        };
    }
}

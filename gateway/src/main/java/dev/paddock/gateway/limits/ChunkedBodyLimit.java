package dev.paddock.gateway.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paddock.gateway.config.GatewayConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The body limit for requests sent without a length (chunked): their body is read here, counted as it
 * arrives and refused with a 413 in OpenAI's envelope once it passes {@code paddock.gateway.max-body-size}.
 * A body with a declared length is checked by {@link BodySizeFilter} before it is read, and read by the REST
 * layer straight from the connection: no per-request stream wrapper or reader interceptor sits on the path
 * of every request (a global reader interceptor makes the REST layer take its slower generic reading path).
 */
@ApplicationScoped
public class ChunkedBodyLimit {

    private final BodyHandler reader;
    private final byte[] tooLarge;

    ChunkedBodyLimit(GatewayConfig config, ObjectMapper json) throws JsonProcessingException {
        long limit = config.maxBodySize().asLongValue();
        this.reader = BodyHandler.create(false).setBodyLimit(limit);
        this.tooLarge = json.writeValueAsBytes(new BodyTooLargeException(limit).envelope());
    }

    void install(@Observes Router router) {
        // after the request counting (-100), ahead of the REST layer
        router.route("/v1/*").order(-90).handler(this::readChunked).failureHandler(this::refuse);
    }

    private void readChunked(RoutingContext context) {
        if (chunked(context.request())) {
            reader.handle(context);
        } else {
            context.next();
        }
    }

    /**
     * An HTTP/1.1 body sent in chunks. Not HTTP/2: the REST layer pauses the request when it starts, which Vert.x
     * refuses for an HTTP/2 request whose body was already read (a 500); an HTTP/2 body of unknown length is
     * bounded only by {@code quarkus.http.limits.max-body-size}.
     */
    private static boolean chunked(HttpServerRequest request) {
        return request.method() == HttpMethod.POST && request.version() != HttpVersion.HTTP_2
                && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                && "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
    }

    private void refuse(RoutingContext context) {
        if (context.statusCode() != 413 || context.response().headWritten()) {
            context.next();
            return;
        }
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close").end(Buffer.buffer(tooLarge));
    }
}

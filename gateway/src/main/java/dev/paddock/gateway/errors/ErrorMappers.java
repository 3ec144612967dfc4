package dev.paddock.gateway.errors;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.openai.v1.ErrorResponse;
import dev.paddock.gateway.config.GatewayConfig;
import dev.paddock.gateway.limits.BodyTooLargeException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into OpenAI's error envelope: inference errors by kind, JSON that does not parse
 * or fit, JAX-RS errors (unknown route, wrong method or content type), and, last, anything unexpected
 * as a logged 500 that shows the client no stack trace.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final GatewayConfig config;

    ErrorMappers(GatewayConfig config) {
        this.config = config;
    }

    /** An inference error, by kind; 429 and 503 say when to retry. */
    @ServerExceptionMapper
    public Response inference(InferenceException e) {
        if (e.kind() == InferenceException.Kind.INTERNAL) {
            LOG.error("inference failed", e);
        }
        return InferenceErrors.response(e, config.retryAfter());
    }

    /** A JSON value of the wrong type: 400 naming the field ({@code "temperature":"hot"}). */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        String param = JsonErrors.param(e.getPath());
        return OpenAiErrors.invalid(JsonErrors.wrongType(param, e.getTargetType()), param);
    }

    /** A JSON value a request record refused. */
    @ServerExceptionMapper
    public Response notInstantiable(ValueInstantiationException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return OpenAiErrors.invalid(cause.getMessage(), JsonErrors.param(e.getPath()));
    }

    /** Any other JSON that does not fit the request. */
    @ServerExceptionMapper
    public Response unmappable(JsonMappingException e) {
        return OpenAiErrors.invalid(e.getOriginalMessage(), JsonErrors.param(e.getPath()));
    }

    /** A body that is not JSON. */
    @ServerExceptionMapper
    public Response unparsable(StreamReadException e) {
        return OpenAiErrors.invalid(JsonErrors.UNPARSABLE, null);
    }

    /** A body over {@code paddock.gateway.max-body-size}: 413. */
    @ServerExceptionMapper
    public Response tooLarge(BodyTooLargeException e) {
        return OpenAiErrors.of(413, e.envelope());
    }

    /** Unknown URL, wrong method or content type, and the JSON reader's own 400 (a value over its limits). */
    @ServerExceptionMapper
    public Response jaxrs(WebApplicationException e, HttpServerRequest request) {
        // a body the REST layer streams to the JSON reader (one of unknown length, on HTTP/2) fails inside a plain 400
        if (e.getCause() instanceof JsonMappingException json) {
            return unmappable(json);
        }
        if (e.getCause() instanceof StreamReadException json) {
            return unparsable(json);
        }
        return HttpErrors.response(e, request.method().name(), request.path());
    }

    /** Anything else: logged with its cause, answered 500 without details. */
    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e) {
        LOG.error("request failed", e);
        return OpenAiErrors.of(500, ErrorResponse.of("The server had an error while processing your request.",
                OpenAiErrors.SERVER, null, null));
    }
}

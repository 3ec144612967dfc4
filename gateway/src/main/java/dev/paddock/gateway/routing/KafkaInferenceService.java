package dev.paddock.gateway.routing;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.EmbedRequest;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.InferenceService;
import dev.paddock.api.inference.v1.ModelInfo;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.gateway.catalog.Admission;
import dev.paddock.gateway.catalog.Catalogs;
import dev.paddock.gateway.catalog.ModelCatalog;
import dev.paddock.api.inference.v1.wire.Topics;
import dev.paddock.gateway.tracing.PublishSpan;
import dev.paddock.gateway.tracing.PublishTracing;
import dev.paddock.gateway.tracing.ReplyStreamTracing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The distributed transport, gateway side: each request becomes a record on its model's Kafka topic
 * naming this gateway's gRPC reply service, and the chunks come back over the worker's reply stream.
 * Refusals that happen before a stream starts (unknown model, bad parameter, prompt too long, queue
 * full, broker down) fail the stream with the same {@link InferenceException} kind as in one process.
 * Not a default {@link InferenceService}: the assembly chooses it for the gateway role.
 */
@ApplicationScoped
@Typed(KafkaInferenceService.class)
public class KafkaInferenceService implements InferenceService {

    private final RoutingConfig config;
    private final MeterRegistry meters;
    private final PublishTracing tracing;
    private final ReplyStreamTracing replyTracing;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private RoutingMetrics metrics;
    private ReplyRouter router;
    private ReplyServer server;
    private RequestPublisher publisher;
    private final Catalogs catalogs;
    private ModelCatalog catalog;
    private ScheduledThreadPoolExecutor deadlines;

    KafkaInferenceService(RoutingConfig config, MeterRegistry meters, Catalogs catalogs, OpenTelemetry otel) {
        this.config = config;
        this.meters = meters;
        this.catalogs = catalogs;
        this.tracing = new PublishTracing(otel);
        this.replyTracing = new ReplyStreamTracing(otel);
    }

    /** Opens the reply service and the Kafka clients. */
    public synchronized void start() throws IOException {
        if (router != null) {
            return;
        }
        metrics = new RoutingMetrics(meters);
        router = new ReplyRouter(metrics, config.retries());
        server = ReplyServer.start(config, router, replyTracing);
        publisher = new RequestPublisher(config);
        catalog = catalogs.choose(new Catalog(config));
        catalog.start();
        deadlines = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("paddock-deadlines").factory());
        // a finished request cancels its timers: they must leave the queue then, not at their deadline
        deadlines.setRemoveOnCancelPolicy(true);
        router.onResend(this::publish);
        Gauge.builder("paddock.grpc.streams.open", router, ReplyRouter::openStreams)
                .description("Worker reply streams open at this gateway").register(meters);
        Gauge.builder("paddock.gateway.pending.requests", router, ReplyRouter::pending)
                .description("Requests this gateway has published and waits on (queued or running at a worker)")
                .register(meters);
        Gauge.builder("paddock.gateway.request.timers", deadlines, d -> d.getQueue().size())
                .description("Deadline and scale-from-zero timers scheduled for the requests this gateway waits on")
                .register(meters);
    }

    /** host:port workers reach this gateway's reply service at. */
    public String replyTo() {
        return config.advertisedHost() + ":" + server.port();
    }

    @Override
    public Multi<Chunk> generate(GenerateRequest request) {
        Admission admission = catalog.admit(request.model());
        ModelInfo model = admission.model();
        GenerateRequest r = withDeadline(request);
        checkQueue(model.name(), r.priority());
        return Multi.createFrom().<Chunk>emitter(Context.current().wrapConsumer(emitter -> {
            PendingGeneration p = new PendingGeneration(r, model.name(), emitter);
            emitter.onTermination(() -> cancel(p));
            submit(p, admission);
        }), BackPressureStrategy.BUFFER);
    }

    @Override
    public Uni<EmbedResult> embed(EmbedRequest request) {
        Admission admission = catalog.admit(request.model());
        ModelInfo model = admission.model();
        checkQueue(model.name(), Priority.INTERACTIVE);
        Instant deadline = Instant.now().plus(config.requestTimeout());
        return Uni.createFrom().<EmbedResult>emitter(Context.current().wrapConsumer(emitter -> {
            PendingEmbedding p = new PendingEmbedding(request, model.name(), deadline, emitter);
            emitter.onTermination(() -> cancel(p));
            submit(p, admission);
        }));
    }

    @Override
    public List<ModelInfo> models() {
        return catalog.models();
    }

    @PreDestroy
    synchronized void stop() throws InterruptedException {
        if (router == null) {
            return;
        }
        deadlines.shutdownNow();
        router.closeAll();
        server.close();
        publisher.close();
        catalog.close();
    }

    private void submit(PendingRequest p, Admission admission) {
        gaugeQueue(p.model);
        router.add(p);
        long delay = Math.max(0, p.deadline.toEpochMilli() - System.currentTimeMillis());
        p.addTimer(deadlines.schedule(() -> expire(p), delay, TimeUnit.MILLISECONDS));
        if (admission.waking()) {
            p.addTimer(deadlines.schedule(() -> stillAsleep(p), admission.wakeTimeout().toMillis(),
                    TimeUnit.MILLISECONDS));
        }
        // also for a model scaled to zero: the queued record is the demand its operator scales up on
        publish(p);
    }

    /** A request for a model scaled to zero that no worker took, with none serving it yet, ends with 503. */
    private void stillAsleep(PendingRequest p) {
        if (p.owner() != null || catalog.serving(p.model) || router.remove(p.correlationId()) == null) {
            return;
        }
        metrics.finished(p);
        p.fail(new InferenceException(InferenceException.Kind.MODEL_LOADING, null, "model '" + p.model
                + "' is scaled to zero and no worker started within the scale-from-zero timeout; retry shortly"));
    }

    /** A request still unfinished at its deadline ends instead of waiting forever for a worker. */
    private void expire(PendingRequest p) {
        String correlationId = p.correlationId();
        if (router.remove(correlationId) == null) {
            return;
        }
        metrics.finished(p);
        WorkerLink owner = p.owner();
        if (owner != null) {
            owner.cancel(correlationId);
        }
        p.fail(new InferenceException(InferenceException.Kind.UNAVAILABLE, null,
                "no worker finished the request within " + config.requestTimeout() + "; retry later"));
    }

    private void publish(PendingRequest p) {
        String correlationId = p.correlationId();
        metrics.published(p);
        PublishSpan span = tracing.publishing(p.trace, Topics.requests(p.model, p.priority), p.requestId,
                correlationId, p.priority.wireName());
        publisher.publish(p.model, p.priority, p.item(), p.deadline, replyTo(), span.headers())
                .whenComplete((ok, e) -> {
                    span.end(e);
                    if (e != null && router.remove(correlationId) != null) {
                        metrics.finished(p);
                        p.fail(e instanceof InferenceException ie ? ie
                                : new InferenceException(InferenceException.Kind.UNAVAILABLE, e.getMessage(), e));
                    }
                });
    }

    private void cancel(PendingRequest p) {
        metrics.finished(p);
        if (router.remove(p.correlationId()) != null && p.finish()) {
            metrics.cancelled(p);
            WorkerLink owner = p.owner();
            if (owner != null) {
                owner.cancel(p.correlationId());
            }
        }
    }

    /** Refuses a request when this gateway already has its class's limit of the model's records unstarted. */
    private void checkQueue(String model, Priority priority) {
        int limit = priority == Priority.BATCH ? config.maxQueuedBatch() : config.maxQueued();
        if (router.waiting(model, priority) >= limit) {
            throw new InferenceException(InferenceException.Kind.QUEUE_FULL, null, "model '" + model + "' has "
                    + limit + " " + priority.wireName() + " requests waiting; retry shortly");
        }
    }

    private void gaugeQueue(String model) {
        if (gauged.add(model)) {
            for (Priority p : Priority.values()) {
                Gauge.builder("paddock.queue.depth", router, r -> r.waiting(model, p)).tags("model", model,
                        "class", p.wireName()).description("Requests of this gateway published to Kafka and not yet "
                        + "started by a worker").register(meters);
            }
        }
    }


    private GenerateRequest withDeadline(GenerateRequest r) {
        return r.deadline() != null ? r : r.withDeadline(Instant.now().plus(config.requestTimeout()));
    }
}

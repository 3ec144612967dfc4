package dev.paddock.api.inference.v1.wire;

import dev.paddock.api.inference.v1.Priority;

/**
 * Names of the distributed transport on Kafka: the topics, and the headers each request record
 * carries (see docs/distributed-transport.md).
 */
public final class Topics {

    /** Compacted topic of worker announcements, keyed by worker id. */
    public static final String MODELS = "paddock.models";

    /** Header: the request's id (UTF-8). */
    public static final String REQUEST_ID = "paddock-request-id";
    /** Header: epoch milliseconds after which the record is dropped unprocessed (decimal, UTF-8). */
    public static final String DEADLINE = "paddock-deadline";
    /** Header: interactive or batch. */
    public static final String PRIORITY = "paddock-priority";
    /** Header: host:port of the gateway's gRPC reply service. */
    public static final String REPLY_TO = "paddock-reply-to";
    /** Header: W3C trace context. */
    public static final String TRACEPARENT = "traceparent";
    /** Header: W3C trace state. */
    public static final String TRACESTATE = "tracestate";
    /** Header on a dead letter: why it could not be processed. */
    public static final String DLQ_REASON = "paddock-dlq-reason";

    private Topics() {
    }

    /** The topic a model's requests of a class go to: batch work has its own topic, polled after interactive. */
    public static String requests(String model, Priority priority) {
        return priority == Priority.BATCH ? "paddock.requests." + model + ".batch" : "paddock.requests." + model;
    }

    /**
     * The share group a model's workers take requests of a class through, on {@link #requests(String, Priority)}:
     * {@code paddock.workers.<model>}, or {@code paddock.workers.<model>.batch} for batch. Workers join it; the
     * operator reads its backlog as the model's queue depth.
     */
    public static String workerGroup(String model, Priority priority) {
        return priority == Priority.BATCH ? "paddock.workers." + model + ".batch" : "paddock.workers." + model;
    }

    /** Where records of a requests topic that cannot be parsed go. */
    public static String deadLetters(String requestsTopic) {
        return requestsTopic + ".dlq";
    }
}

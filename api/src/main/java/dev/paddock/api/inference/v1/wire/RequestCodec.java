package dev.paddock.api.inference.v1.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.paddock.api.inference.v1.EmbedRequest;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.Priority;
import dev.paddock.api.inference.v1.proto.Embed;
import dev.paddock.api.inference.v1.proto.Generate;
import dev.paddock.api.inference.v1.proto.WorkItem;
import java.time.Instant;

/** Requests to and from the protobuf value of a Kafka record ({@link WorkItem}). */
public final class RequestCodec {

    private RequestCodec() {
    }

    /** The record value for one attempt of a generation. */
    public static WorkItem encode(String correlationId, GenerateRequest r) {
        var b = Generate.newBuilder().setId(r.id()).setModel(r.model()).setPrompt(PromptCodec.encode(r.prompt()))
                .setSampling(SamplingCodec.encode(r.sampling())).setMaxTokens(r.maxTokens()).setMinTokens(r.minTokens())
                .addAllStop(r.stop()).setIgnoreEos(r.ignoreEos()).setEcho(r.echo())
                .setPriority(r.priority() == Priority.BATCH ? dev.paddock.api.inference.v1.proto.Priority.PRIORITY_BATCH
                        : dev.paddock.api.inference.v1.proto.Priority.PRIORITY_INTERACTIVE);
        if (r.logprobs() != null) {
            b.setLogprobs(r.logprobs());
        }
        if (r.constraint() != null) {
            b.setConstraint(SamplingCodec.encode(r.constraint()));
        }
        if (r.deadline() != null) {
            b.setDeadlineEpochMs(r.deadline().toEpochMilli());
        }
        return WorkItem.newBuilder().setCorrelationId(correlationId).setGenerate(b).build();
    }

    /** The record value for one attempt of an embedding request. */
    public static WorkItem encode(String correlationId, EmbedRequest r) {
        return WorkItem.newBuilder().setCorrelationId(correlationId).setEmbed(Embed.newBuilder().setId(r.id())
                .setModel(r.model()).addAllInputs(r.inputs().stream().map(PromptCodec::encode).toList())
                .setNormalize(r.normalize())).build();
    }

    /**
     * Parses a record value.
     *
     * @throws WireFormatException when it is not a work item (a poison record)
     */
    public static WorkItem parse(byte[] value) {
        if (value == null) {
            throw new WireFormatException("the record has no value");
        }
        try {
            WorkItem item = WorkItem.parseFrom(value);
            if (item.getCorrelationId().isEmpty() || item.getKindCase() == WorkItem.KindCase.KIND_NOT_SET) {
                throw new WireFormatException("the record is not a work item (no correlation id or kind)");
            }
            return item;
        } catch (InvalidProtocolBufferException e) {
            throw new WireFormatException("the record does not parse: " + e.getMessage(), e);
        }
    }

    public static GenerateRequest decode(Generate g) {
        return new GenerateRequest(g.getId(), g.getModel(), PromptCodec.decode(g.getPrompt()),
                SamplingCodec.decode(g.getSampling()), g.getMaxTokens(), g.getMinTokens(), g.getStopList(),
                g.getIgnoreEos(), g.hasLogprobs() ? g.getLogprobs() : null, g.getEcho(),
                g.hasConstraint() ? SamplingCodec.decode(g.getConstraint()) : null,
                g.getDeadlineEpochMs() == 0 ? null : Instant.ofEpochMilli(g.getDeadlineEpochMs()),
                g.getPriority() == dev.paddock.api.inference.v1.proto.Priority.PRIORITY_BATCH ? Priority.BATCH
                        : Priority.INTERACTIVE);
    }

    public static EmbedRequest decode(Embed e) {
        return new EmbedRequest(e.getId(), e.getModel(), e.getInputsList().stream().map(PromptCodec::decode).toList(),
                e.getNormalize());
    }
}

package dev.paddock.api.inference.v1.wire;

import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.api.inference.v1.proto.Constraint;
import dev.paddock.api.inference.v1.proto.Sampling;

/** {@link SamplingParams} and {@link OutputConstraint} to and from their protobuf forms. */
final class SamplingCodec {

    private SamplingCodec() {
    }

    static Sampling encode(SamplingParams s) {
        var b = Sampling.newBuilder().setTemperature(s.temperature()).setTopP(s.topP()).setTopK(s.topK())
                .setMinP(s.minP()).setRepetitionPenalty(s.repetitionPenalty()).setFrequencyPenalty(s.frequencyPenalty())
                .setPresencePenalty(s.presencePenalty()).setPenaltyLastN(s.penaltyLastN()).putAllLogitBias(s.logitBias());
        if (s.seed() != null) {
            b.setSeed(s.seed());
        }
        return b.build();
    }

    static SamplingParams decode(Sampling s) {
        return new SamplingParams(s.getTemperature(), s.getTopP(), s.getTopK(), s.getMinP(), s.getRepetitionPenalty(),
                s.getFrequencyPenalty(), s.getPresencePenalty(), s.getPenaltyLastN(),
                s.hasSeed() ? s.getSeed() : null, s.getLogitBiasMap());
    }

    static Constraint encode(OutputConstraint c) {
        return switch (c) {
            case OutputConstraint.JsonObject j -> Constraint.newBuilder().setJsonObject(true).build();
            case OutputConstraint.JsonSchema j -> Constraint.newBuilder().setJsonSchema(Json.write(j.schema())).build();
            case OutputConstraint.Grammar g -> Constraint.newBuilder().setGbnf(g.gbnf()).build();
        };
    }

    static OutputConstraint decode(Constraint c) {
        return switch (c.getKindCase()) {
            case JSON_OBJECT -> new OutputConstraint.JsonObject();
            case JSON_SCHEMA -> new OutputConstraint.JsonSchema(Json.read(c.getJsonSchema()));
            case GBNF -> new OutputConstraint.Grammar(c.getGbnf());
            case KIND_NOT_SET -> null;
        };
    }
}

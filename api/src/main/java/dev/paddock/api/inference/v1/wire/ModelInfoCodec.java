package dev.paddock.api.inference.v1.wire;

import dev.paddock.api.inference.v1.ModelInfo;
import java.util.List;

/** {@link ModelInfo} to and from protobuf, for the announcements on {@code paddock.models}. */
public final class ModelInfoCodec {

    private ModelInfoCodec() {
    }

    public static dev.paddock.api.inference.v1.proto.ModelInfo encode(ModelInfo m) {
        return dev.paddock.api.inference.v1.proto.ModelInfo.newBuilder().setName(m.name())
                .addAllAliases(m.aliases() == null ? List.of() : m.aliases()).setTask(m.task())
                .setContextSize(m.contextSize()).setEmbeddingSize(m.embeddingSize()).setReady(m.ready())
                .setCreated(m.created()).setSampling(SamplingCodec.encode(m.sampling())).build();
    }

    public static ModelInfo decode(dev.paddock.api.inference.v1.proto.ModelInfo m) {
        return new ModelInfo(m.getName(), m.getAliasesList(), m.getTask(), m.getContextSize(), m.getEmbeddingSize(),
                m.getReady(), m.getCreated(), m.hasSampling() ? SamplingCodec.decode(m.getSampling()) : null);
    }
}

package dev.paddock.api.inference.v1.wire;

import com.google.protobuf.ByteString;
import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.TokenLogprob;
import dev.paddock.api.inference.v1.Usage;
import dev.paddock.api.inference.v1.proto.Alternative;
import dev.paddock.api.inference.v1.proto.Embeddings;
import dev.paddock.api.inference.v1.proto.Failure;
import dev.paddock.api.inference.v1.proto.Vector;
import java.util.ArrayList;
import java.util.List;

/** What a worker sends back (chunks, embeddings, failures) to and from protobuf. */
public final class ReplyCodec {

    private ReplyCodec() {
    }

    public static dev.paddock.api.inference.v1.proto.Chunk encode(Chunk c) {
        var b = dev.paddock.api.inference.v1.proto.Chunk.newBuilder().setText(c.text()).setTokens(c.tokens())
                .addAllLogprobs(encode(c.logprobs())).addAllPromptLogprobs(encode(c.promptLogprobs()))
                .setFinishReasonValue(c.finishReason() == null ? 0 : c.finishReason().ordinal() + 1);
        if (c.usage() != null) {
            b.setUsage(dev.paddock.api.inference.v1.proto.Usage.newBuilder().setPromptTokens(c.usage().promptTokens())
                    .setCompletionTokens(c.usage().completionTokens())
                    .setCachedPromptTokens(c.usage().cachedPromptTokens()));
        }
        if (c.error() != null) {
            b.setError(c.error());
        }
        return b.build();
    }

    public static Chunk decode(dev.paddock.api.inference.v1.proto.Chunk c) {
        int reason = c.getFinishReasonValue();
        Usage usage = c.hasUsage() ? new Usage(c.getUsage().getPromptTokens(), c.getUsage().getCompletionTokens(),
                c.getUsage().getCachedPromptTokens()) : null;
        return new Chunk(c.getText(), c.getTokens(), decode(c.getLogprobsList()), decode(c.getPromptLogprobsList()),
                reason == 0 ? null : FinishReason.values()[reason - 1], usage, c.hasError() ? c.getError() : null);
    }

    public static Embeddings encode(EmbedResult r) {
        var b = Embeddings.newBuilder().setPromptTokens(r.promptTokens());
        for (float[] v : r.vectors()) {
            var vector = Vector.newBuilder();
            for (float x : v) {
                vector.addValues(x);
            }
            b.addVectors(vector);
        }
        return b.build();
    }

    public static EmbedResult decode(Embeddings e) {
        List<float[]> vectors = new ArrayList<>(e.getVectorsCount());
        for (Vector v : e.getVectorsList()) {
            float[] values = new float[v.getValuesCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = v.getValues(i);
            }
            vectors.add(values);
        }
        return new EmbedResult(vectors, e.getPromptTokens());
    }

    public static Failure encode(InferenceException e) {
        var b = Failure.newBuilder().setKind(e.kind().name()).setMessage(String.valueOf(e.getMessage()));
        if (e.param() != null) {
            b.setParam(e.param());
        }
        return b.build();
    }

    public static InferenceException decode(Failure f) {
        InferenceException.Kind kind;
        try {
            kind = InferenceException.Kind.valueOf(f.getKind());
        } catch (IllegalArgumentException e) {
            kind = InferenceException.Kind.INTERNAL;
        }
        return new InferenceException(kind, f.hasParam() ? f.getParam() : null, f.getMessage());
    }

    private static List<dev.paddock.api.inference.v1.proto.TokenLogprob> encode(List<TokenLogprob> logprobs) {
        List<dev.paddock.api.inference.v1.proto.TokenLogprob> out = new ArrayList<>(logprobs.size());
        for (TokenLogprob t : logprobs) {
            var b = dev.paddock.api.inference.v1.proto.TokenLogprob.newBuilder().setToken(t.token())
                    .setText(t.text()).setBytes(ByteString.copyFrom(t.bytes())).setLogprob(t.logprob());
            for (TokenLogprob.Alternative a : t.top()) {
                b.addTop(Alternative.newBuilder().setToken(a.token()).setText(a.text())
                        .setBytes(ByteString.copyFrom(a.bytes())).setLogprob(a.logprob()));
            }
            out.add(b.build());
        }
        return out;
    }

    private static List<TokenLogprob> decode(List<dev.paddock.api.inference.v1.proto.TokenLogprob> logprobs) {
        if (logprobs.isEmpty()) {
            return List.of();
        }
        List<TokenLogprob> out = new ArrayList<>(logprobs.size());
        for (var t : logprobs) {
            List<TokenLogprob.Alternative> top = t.getTopList().stream().map(a -> new TokenLogprob.Alternative(
                    a.getToken(), a.getText(), a.getBytes().toByteArray(), a.getLogprob())).toList();
            out.add(new TokenLogprob(t.getToken(), t.getText(), t.getBytes().toByteArray(), t.getLogprob(), top));
        }
        return out;
    }
}

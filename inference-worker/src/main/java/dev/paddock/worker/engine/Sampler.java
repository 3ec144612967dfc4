package dev.paddock.worker.engine;

import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.worker.llama.Llama;
import dev.paddock.worker.llama.LlamaLayouts;
import dev.paddock.worker.llama.LlamaRuntime;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * One request's llama.cpp sampler chain: logit bias, penalties, grammar, then top-k, top-p, min-p,
 * temperature and a seeded draw (or greedy when the temperature is 0). Built on the caller's thread
 * so a bad grammar is reported before the request is queued; used and freed by the scheduler.
 */
final class Sampler implements AutoCloseable {

    private MemorySegment chain;

    private Sampler(MemorySegment chain) {
        this.chain = chain;
    }

    /**
     * Builds a chain.
     *
     * @param grammar GBNF with a {@code root} rule, or null
     * @param seed the draw's seed
     * @throws InferenceException naming the parameter when the grammar or a logit bias is invalid
     */
    static Sampler create(LlamaModel model, SamplingParams p, String grammar, long seed) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(LlamaLayouts.SAMPLER_CHAIN_PARAMS);
            params.set(JAVA_BOOLEAN, 0, true);
            Sampler s = new Sampler(Llama.samplerChainInit(params));
            try {
                s.addFilters(model, p, grammar, arena);
                s.addChoice(p, seed);
                return s;
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
    }

    /** Samples from the logits at a batch index and accepts the token (advancing grammar and penalties). */
    int sample(LlamaContext ctx, int batchIndex) {
        return Llama.samplerSample(chain, ctx.handle(), batchIndex);
    }

    @Override
    public void close() {
        if (chain != null) {
            Llama.samplerFree(chain);
            chain = null;
        }
    }

    private void addFilters(LlamaModel model, SamplingParams p, String grammar, Arena arena) {
        if (!p.logitBias().isEmpty()) {
            add(logitBias(model, p.logitBias(), arena));
        }
        if (p.repetitionPenalty() != 1.0 || p.frequencyPenalty() != 0 || p.presencePenalty() != 0) {
            add(Llama.samplerPenalties(model.vocabSize(), p.penaltyLastN(), (float) p.repetitionPenalty(),
                    (float) p.frequencyPenalty(), (float) p.presencePenalty()));
        }
        if (grammar != null) {
            add(grammar(model, grammar, arena));
        }
    }

    private void addChoice(SamplingParams p, long seed) {
        if (p.temperature() <= 0) {
            add(Llama.samplerGreedy());
            return;
        }
        if (p.topK() > 0) {
            add(Llama.samplerTopK(p.topK()));
        }
        if (p.topP() < 1.0) {
            add(Llama.samplerTopP((float) p.topP(), 1));
        }
        if (p.minP() > 0) {
            add(Llama.samplerMinP((float) p.minP(), 1));
        }
        add(Llama.samplerTemp((float) p.temperature()));
        add(Llama.samplerDist((int) seed));
    }

    private void add(MemorySegment sampler) {
        Llama.samplerChainAdd(chain, sampler);
    }

    private static MemorySegment logitBias(LlamaModel model, Map<Integer, Float> bias, Arena arena) {
        MemorySegment entries = arena.allocate(LlamaLayouts.LOGIT_BIAS, bias.size());
        int i = 0;
        for (var e : bias.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= model.vocabSize()) {
                throw InferenceException.invalid("logit_bias", "'logit_bias' token " + e.getKey()
                        + " is outside the vocabulary (0-" + (model.vocabSize() - 1) + ")");
            }
            long base = i++ * LlamaLayouts.LOGIT_BIAS.byteSize();
            entries.set(JAVA_INT, base, e.getKey());
            entries.set(JAVA_FLOAT, base + 4, e.getValue());
        }
        return Llama.samplerLogitBias(model.vocabSize(), bias.size(), entries);
    }

    private static MemorySegment grammar(LlamaModel model, String gbnf, Arena arena) {
        LlamaRuntime.drainRecentErrors();
        MemorySegment g = Llama.samplerGrammar(model.vocab(), arena.allocateFrom(gbnf), arena.allocateFrom("root"));
        if (g.equals(MemorySegment.NULL)) {
            throw InferenceException.invalid("grammar", "invalid grammar: " + LlamaRuntime.drainRecentErrors());
        }
        return g;
    }
}

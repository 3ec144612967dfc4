package dev.paddock.worker.engine;

import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.InferenceException;
import dev.paddock.api.inference.v1.OutputConstraint;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.worker.grammar.GrammarException;
import dev.paddock.worker.grammar.JsonSchemaGrammar;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One loaded model serving requests: the public face of the engine. Generation models run a
 * {@link GenerationScheduler}, embedding models an {@link EmbeddingScheduler}; both own one llama.cpp
 * context on one thread. Requests are checked, templated and tokenized on the caller's thread, so
 * a bad request fails at once with an {@link InferenceException} that names the parameter.
 */
public final class Engine implements AutoCloseable {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final int DEFAULT_CONTEXT_CAP = 4096;
    private static final long TINY_MODEL_BYTES = 64L << 20;

    private final String name;
    private final LlamaModel model;
    private final LlamaContext context;
    /** Embedding models only: a second context without flash attention, faster for batches of few tokens. */
    private final LlamaContext smallBatches;
    private final ModelOptions options;
    private final GenerationScheduler generation;
    private final EmbeddingScheduler embedding;
    private final ChatFormatter chat;

    private Engine(String name, LlamaModel model, ModelOptions options) {
        this.name = name;
        this.model = model;
        this.options = options;
        int perSequence = options.contextSize() > 0 ? options.contextSize()
                : Math.min(model.trainContext() > 0 ? model.trainContext() : DEFAULT_CONTEXT_CAP, DEFAULT_CONTEXT_CAP);
        int batch = options.embeddings() ? Math.max(options.batchSize(), perSequence) : options.batchSize();
        int threads = options.threads() > 0 ? options.threads() : defaultThreads(model);
        this.context = LlamaContext.create(model, perSequence, options.parallel(), batch, threads,
                options.embeddings());
        this.chat = options.embeddings() ? null : new ChatFormatter(model, options.chatTemplate());
        this.generation = options.embeddings() ? null : new GenerationScheduler(context, options.maxQueued(),
                options.effectiveInteractiveSlots(), name);
        this.smallBatches = options.embeddings() ? LlamaContext.create(model, perSequence, options.parallel(), batch,
                threads, true, LlamaContext.FLASH_ATTN_OFF) : null;
        this.embedding = options.embeddings()
                ? new EmbeddingScheduler(context, smallBatches, options.maxQueued(), name) : null;
    }

    /**
     * Loads a model and starts its scheduler.
     *
     * @throws ModelLoadException naming the file when it cannot be loaded
     * @throws IllegalArgumentException naming the option that is out of range
     */
    public static Engine load(String name, Path file, ModelOptions options) {
        options.validate();
        LlamaModel model = LlamaModel.load(file, options.gpuLayers());
        try {
            return new Engine(name, model, options);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The CPU threads to use when none are configured: one for tiny models (thread sync would dominate). */
    static int defaultThreads(LlamaModel model) {
        if (model.sizeBytes() < TINY_MODEL_BYTES) {
            return 1;
        }
        return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 16));
    }

    public String name() {
        return name;
    }

    public LlamaModel model() {
        return model;
    }

    public boolean isEmbedding() {
        return embedding != null;
    }

    /** Tokens of context each request may use (prompt plus generated). */
    public int contextSize() {
        return context.contextPerSequence();
    }

    /** How the chat template is rendered (for the startup banner), or null for embedding models. */
    public String chatTemplateDescription() {
        return chat == null ? null : chat.description();
    }

    /**
     * Starts a generation.
     *
     * @throws InferenceException when the request is invalid, does not fit the context or the queue is full
     */
    public GenerationHandle submit(GenerateRequest request, ChunkSink sink) {
        return start(prepare(request), sink);
    }

    /**
     * Checks, templates and tokenizes a request without queueing it; holds no native resources.
     *
     * @throws InferenceException when the request is invalid or does not fit the context
     */
    public PreparedGeneration prepare(GenerateRequest request) {
        if (generation == null) {
            throw InferenceException.invalid("model", "model '" + name + "' is an embedding model; use /v1/embeddings");
        }
        request.validate();
        int[] prompt = promptTokens(request.prompt());
        int limit = tokenLimit(request, prompt.length);
        long seed = request.sampling().seed() != null ? request.sampling().seed() : SEEDS.nextLong();
        return new PreparedGeneration(request, prompt, limit, grammarOf(request.constraint()), seed);
    }

    /**
     * Queues a prepared generation.
     *
     * @throws InferenceException when the grammar does not parse or the queue is full
     */
    public GenerationHandle start(PreparedGeneration p, ChunkSink sink) {
        Sampler sampler = Sampler.create(model, p.request().sampling(), p.grammar(), p.seed());
        Generation g = new Generation(p.request(), p.prompt(), sampler, p.tokenLimit(), sink, generation::wake);
        try {
            generation.submit(g);
        } catch (RuntimeException e) {
            sampler.close();
            throw e;
        }
        return g;
    }

    /**
     * Computes embeddings of many inputs; they are batched with other requests' inputs.
     *
     * @throws InferenceException when the model cannot embed or an input is empty or too long
     */
    public CompletableFuture<EmbedResult> embed(List<Prompt> inputs, boolean normalize) {
        if (embedding == null) {
            throw InferenceException.invalid("model", "model '" + name + "' does not produce embeddings");
        }
        if (inputs == null || inputs.isEmpty()) {
            throw InferenceException.invalid("input", "'input' must not be empty");
        }
        List<int[]> tokens = new ArrayList<>(inputs.size());
        for (Prompt p : inputs) {
            int[] t = promptTokens(p);
            if (t.length > contextSize()) {
                throw new InferenceException(InferenceException.Kind.CONTEXT_LENGTH_EXCEEDED, "input",
                        "an input has " + t.length + " tokens; this model reads at most " + contextSize());
            }
            tokens.add(t);
        }
        return embedding.submit(tokens, normalize);
    }

    /** The prompt as the model will read it: templated and tokenized. */
    public int[] promptTokens(Prompt prompt) {
        int[] tokens = switch (prompt) {
            case Prompt.Text t -> model.tokenize(t.text(), true, true);
            case Prompt.Tokens t -> checkedTokens(t.tokens());
            case Prompt.Chat c -> chatTokens(c);
        };
        if (tokens.length == 0) {
            throw InferenceException.invalid("prompt", "the prompt is empty");
        }
        return tokens;
    }

    public EngineStats stats() {
        if (generation != null) {
            return new EngineStats(generation.slots(), generation.running(), generation.waiting(),
                    generation.promptTokensComputed.get(), generation.promptTokensCached.get(),
                    generation.tokensGenerated.get(), generation.usedCells(), generation.cells(),
                    generation.runningBatch(), generation.batchSlots());
        }
        return new EngineStats(context.sequences(), embedding.running(), embedding.waiting(), 0, 0, 0, 0, 0, 0,
                context.sequences());
    }

    @Override
    public void close() {
        if (generation != null) {
            generation.close();
        }
        if (embedding != null) {
            embedding.close();
        }
        context.close();
        if (smallBatches != null) {
            smallBatches.close();
        }
        model.close();
    }

    private int[] chatTokens(Prompt.Chat c) {
        if (chat == null) {
            throw InferenceException.invalid("messages", "model '" + name + "' cannot chat");
        }
        String text = chat.render(c.messages(), c.tools());
        String bos = model.bosText();
        boolean addBos = model.addsBos() && (bos.isEmpty() || !text.startsWith(bos));
        return model.tokenize(text, addBos, true);
    }

    private int[] checkedTokens(int[] tokens) {
        for (int t : tokens) {
            if (t < 0 || t >= model.vocabSize()) {
                throw InferenceException.invalid("prompt", "token id " + t + " is outside the vocabulary (0-"
                        + (model.vocabSize() - 1) + ")");
            }
        }
        return tokens.clone();
    }

    private int tokenLimit(GenerateRequest request, int promptLength) {
        int room = contextSize() - promptLength;
        if (room <= 0) {
            throw new InferenceException(InferenceException.Kind.CONTEXT_LENGTH_EXCEEDED, "messages",
                    "the prompt has " + promptLength + " tokens; this model's context is " + contextSize()
                            + " tokens");
        }
        if (request.maxTokens() > room) {
            throw new InferenceException(InferenceException.Kind.CONTEXT_LENGTH_EXCEEDED, "max_tokens",
                    "this model's context is " + contextSize() + " tokens; the prompt has " + promptLength
                            + " and max_tokens asks for " + request.maxTokens() + " more");
        }
        return request.maxTokens() == -1 ? room : request.maxTokens();
    }

    private static String grammarOf(OutputConstraint constraint) {
        try {
            return switch (constraint) {
                case null -> null;
                case OutputConstraint.Grammar g -> g.gbnf();
                case OutputConstraint.JsonObject o -> JsonSchemaGrammar.anyJsonObject();
                case OutputConstraint.JsonSchema s -> JsonSchemaGrammar.fromSchema(s.schema());
            };
        } catch (GrammarException e) {
            throw InferenceException.invalid("response_format", e.getMessage());
        }
    }
}

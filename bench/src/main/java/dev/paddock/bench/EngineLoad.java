package dev.paddock.bench;

import dev.paddock.api.inference.v1.Chunk;
import dev.paddock.api.inference.v1.EmbedResult;
import dev.paddock.api.inference.v1.FinishReason;
import dev.paddock.api.inference.v1.GenerateRequest;
import dev.paddock.api.inference.v1.Prompt;
import dev.paddock.api.inference.v1.SamplingParams;
import dev.paddock.testing.ProcessMemory;
import dev.paddock.worker.engine.ChunkSink;
import dev.paddock.worker.engine.Engine;
import dev.paddock.worker.engine.ModelOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Paddock side, in its own JVM so that its peak RSS is the engine's and not the harness's. Loads
 * one model with {@link Engine#load}, then obeys one command per line on stdin and answers on stdout:
 *
 * <pre>
 * gen CONCURRENCY REQUESTS MAX_TOKENS   -> RESULT {LevelResult json}
 * embed CONCURRENCY REQUESTS            -> RESULT {LevelResult json}
 * rss                                   -> RSS peakBytes currentBytes
 * quit (or end of input)                -> exits
 * </pre>
 *
 * Arguments: {@code --model PATH --mode gen|embed --threads N --parallel N --ctx N}. The first line
 * it prints is {@code READY loadMillis}. Generation: prompt {@link Workloads#PROMPT}, greedy, EOS
 * ignored; time to first token runs from just before {@code submit} (so it includes tokenization)
 * to the first chunk with non-empty text.
 */
public final class EngineLoad {

    private final Engine engine;
    private final PrintStream out;

    private EngineLoad(Engine engine, PrintStream out) {
        this.engine = engine;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // only the protocol goes to stdout
        Args a = Args.parse(args);
        Path model = Path.of(a.get("model", null));
        boolean embed = a.get("mode", "gen").equals("embed");
        ModelOptions opts = ModelOptions.defaults().withThreads(a.getInt("threads", 1))
                .withParallel(a.getInt("parallel", 8)).withContextSize(a.getInt("ctx", 256)).withEmbeddings(embed);
        long t0 = System.nanoTime();
        try (Engine engine = Engine.load(embed ? "minilm" : "stories", model, opts)) {
            out.println("READY " + (System.nanoTime() - t0) / 1_000_000);
            new EngineLoad(engine, out).serve(new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)));
        }
        System.exit(0);
    }

    private void serve(BufferedReader in) throws Exception {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] w = line.strip().split("\\s+");
            try {
                switch (w[0]) {
                    case "gen" -> out.println("RESULT " + LoadRunner.run("gen", Integer.parseInt(w[1]),
                            Integer.parseInt(w[2]), i -> generate(i, Integer.parseInt(w[3]))).toJson());
                    case "embed" -> out.println("RESULT " + LoadRunner.run("embed", Integer.parseInt(w[1]),
                            Integer.parseInt(w[2]), this::embed).toJson());
                    case "rss" -> {
                        long pid = ProcessHandle.current().pid();
                        out.println("RSS " + ProcessMemory.peakRssBytes(pid) + " " + ProcessMemory.rssBytes(pid));
                    }
                    case "quit" -> {
                        return;
                    }
                    default -> out.println("ERROR unknown command: " + line);
                }
            } catch (RuntimeException e) {
                out.println("ERROR " + e.toString().replace('\n', ' '));
            }
        }
    }

    private Sample generate(int index, int maxTokens) throws Exception {
        GenerateRequest request = GenerateRequest.of("bench-" + index, "stories", new Prompt.Text(Workloads.PROMPT),
                SamplingParams.GREEDY, maxTokens).withIgnoreEos();
        Recorder r = new Recorder(index == 0);
        r.start = System.nanoTime();
        engine.submit(request, r);
        Chunk last = r.done.get(5, TimeUnit.MINUTES);
        long end = r.lastAt;
        if (last.finishReason() == FinishReason.ERROR) {
            return Sample.failed(end - r.start, last.error());
        }
        int tokens = last.usage().completionTokens();
        String error = tokens == maxTokens ? null : "generated " + tokens + " tokens, not " + maxTokens;
        return new Sample(r.firstAt == 0 ? -1 : r.firstAt - r.start, end - r.start, tokens,
                r.firstAt == 0 ? 0 : end - r.firstAt, Double.NaN, r.text == null ? null : r.text.toString(), error);
    }

    private Sample embed(int index) throws Exception {
        long t0 = System.nanoTime();
        EmbedResult r = engine.embed(List.of(new Prompt.Text(Workloads.sentence(index))), true)
                .get(5, TimeUnit.MINUTES);
        long latency = System.nanoTime() - t0;
        if (r.vectors().size() != 1 || r.vectors().getFirst().length == 0) {
            return Sample.failed(latency, "no vector");
        }
        return Sample.embedding(latency);
    }

    /** Records one stream on the engine thread: cheap, never blocks. */
    private static final class Recorder implements ChunkSink {
        final CompletableFuture<Chunk> done = new CompletableFuture<>();
        final StringBuilder text;
        long start;
        long firstAt;
        long lastAt;

        Recorder(boolean keepText) {
            this.text = keepText ? new StringBuilder() : null;
        }

        @Override
        public void accept(Chunk chunk) {
            long now = System.nanoTime();
            if (firstAt == 0 && !chunk.text().isEmpty()) {
                firstAt = now;
            }
            if (text != null) {
                text.append(chunk.text());
            }
            if (chunk.isLast()) {
                lastAt = now;
                done.complete(chunk);
            }
        }
    }
}

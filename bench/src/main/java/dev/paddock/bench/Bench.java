package dev.paddock.bench;

import dev.paddock.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark: Paddock's engine (in a child JVM, see {@link EngineLoad}) against llama.cpp's own
 * llama-server of the same llama.cpp version, the same load on both, one run. Run it with
 * {@code bench/run.sh}; options:
 *
 * <pre>
 * --llama-server PATH   the llama-server binary (run.sh builds it with build-llama-server.sh)
 * --threads N           CPU threads for both sides (default 1)
 * --requests N          requests per level and repetition (default: generation 8 x concurrency, at
 *                       least 32; embeddings 32 x concurrency, at least 64)
 * --rows LIST           gen1,gen4,gen8,emb1,emb8 (default all; "gen" and "emb" select a group)
 * --reps N              repetitions of every level; the table shows medians (default 3)
 * --tokens N            generated tokens per request (default 128)
 * --sides LIST          paddock,llama-server,paddock-http (default all three)
 * --child-jvm-opts S    JVM options of the Paddock child (default {@value #DEFAULT_CHILD_JVM})
 * --server-jar PATH     Paddock's packaged server, for the Paddock-HTTP column (run.sh passes
 *                       server/target/quarkus-app/quarkus-run.jar)
 * --server-jvm-opts S   JVM options of the Paddock server (default {@value #DEFAULT_SERVER_JVM})
 * --llama-server-extra S  more llama-server options (experiments only; later options override)
 * --noise CORES         a run during which other processes used this much CPU or more is run again
 *                       (default 0.3 cores)
 * --retries N           how often a disturbed run is repeated (default 2; the least disturbed is kept)
 * --out DIR             where the results (markdown and JSON) go (default bench/target/bench-results)
 * </pre>
 */
public final class Bench {

    static final String DEFAULT_CHILD_JVM = "-XX:+UseSerialGC -Xms16m -Xmx128m -Xss512k -XX:TieredStopAtLevel=1";
    static final String DEFAULT_SERVER_JVM = "-XX:+UseSerialGC -Xms16m -Xmx512m -XX:TieredStopAtLevel=1";
    static final String PADDOCK = "Paddock";
    static final String PADDOCK_HTTP = "Paddock-HTTP";
    /** The served names of the two models in the Paddock server's paddock.yaml (its default names). */
    static final String HTTP_GEN_MODEL = "stories260k";
    static final String HTTP_EMBED_MODEL = "all-minilm-l6-v2";
    static final String LLAMA_SERVER = "llama-server";
    static final int PARALLEL = 8;
    static final int GEN_CONTEXT = 256;
    static final int EMBED_CONTEXT = 512;
    static final int BATCH = 512;
    /** Generation requests of the warm-up at concurrency 8 (twice as many for embeddings). */
    static final int WARM_UP_REQUESTS = 256;
    static final double RSS_TARGET_MB = 150;
    static final double HTTP_IDLE_RSS_TARGET_MB = 300;
    static final double HTTP_TOKENS_TARGET_RATIO = 0.95;
    static final double HTTP_TTFT_OVERHEAD_TARGET_MS = 2;

    private final Config config;
    /** row key ("gen4", "emb1") -> target name -> one result per repetition */
    private final Map<String, Map<String, List<LevelResult>>> results = new LinkedHashMap<>();
    /** "gen"/"emb" -> target name -> peak RSS bytes */
    private final Map<String, Map<String, Long>> peakRss = new LinkedHashMap<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    /** row key -> target name -> other processes' CPU use (cores) during each kept run */
    private final Map<String, Map<String, List<Double>>> noise = new LinkedHashMap<>();
    /** "gen"/"emb" -> the Paddock server's VmRSS with both models loaded, after warm-up, before load */
    private final Map<String, Long> httpIdleRss = new LinkedHashMap<>();
    /** "gen4" -> per kept run {client-side mean TTFT, server-side mean of paddock_time_to_first_token_seconds} */
    private final Map<String, List<double[]>> httpTtftMeans = new LinkedHashMap<>();

    private Bench(Config config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        // llama-server closes idle keep-alive connections after 5 s; drop them on this side first, so a
        // level that starts after a pause never writes into a connection the server is closing
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "2");
        }
        // and it closes a connection after 100 requests without saying so: let the client resend a POST
        // that found its pooled connection closed before any byte came back (as it does for GET)
        if (System.getProperty("jdk.httpclient.enableAllMethodRetry") == null) {
            System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
        }
        Config config = Config.parse(args);
        try {
            new Bench(config).run(String.join(" ", args));
        } finally {
            Processes.stopAll();
        }
        System.exit(0);
    }

    private void run(String argLine) throws Exception {
        Files.createDirectories(config.out);
        ZonedDateTime started = ZonedDateTime.now();
        List<Integer> genLevels = config.levels("gen", List.of(1, 4, 8));
        List<Integer> embLevels = config.levels("emb", List.of(1, 8));
        log("threads=%d reps=%d tokens=%d sides=%s gen=%s emb=%s", config.threads, config.reps, config.tokens,
                config.sides, genLevels, embLevels);
        if (!genLevels.isEmpty()) {
            phase("gen", genLevels);
        }
        if (!embLevels.isEmpty()) {
            phase("emb", embLevels);
        }
        String report = Report.render(this, started, argLine, genLevels, embLevels);
        System.out.println();
        System.out.println(report);
        String stamp = started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.writeString(config.out.resolve("bench-" + stamp + ".md"), report);
        Files.writeString(config.out.resolve("bench-" + stamp + ".json"), Report.json(this, started, argLine));
        log("results in %s", config.out.resolve("bench-" + stamp + ".{md,json}"));
    }

    private void phase(String workload, List<Integer> levels) throws Exception {
        boolean gen = workload.equals("gen");
        List<Target> targets = new ArrayList<>();
        try {
            if (config.sides.contains("paddock")) {
                targets.add(startPaddock(gen));
            }
            if (config.sides.contains("llama-server")) {
                targets.add(startLlamaServer(gen));
            }
            if (config.sides.contains("paddock-http")) {
                targets.add(startPaddockHttp(gen));
            }
            for (Target t : targets) {
                commands.put(workload + " " + t.name(), t.describe());
                log("%s %s: warm-up", workload, t.name());
                // the Paddock server serves both models: warm both, so its idle RSS has both in use. A few
                // hundred requests, so that the JVMs' per-request code is compiled (C1 compiles a method
                // after ~200 calls) before anything is measured; the same on every side
                boolean both = t.name().equals(PADDOCK_HTTP);
                if (gen || both) {
                    check(t.generate(PARALLEL, WARM_UP_REQUESTS, config.tokens), t, "warm-up");
                    check(t.generate(1, 8, config.tokens), t, "warm-up");
                }
                if (!gen || both) {
                    check(t.embed(PARALLEL, 2 * WARM_UP_REQUESTS), t, "warm-up");
                    check(t.embed(1, 32), t, "warm-up");
                }
                if (both) {
                    Thread.sleep(1000);
                    long rss = t.rssBytes();
                    httpIdleRss.put(workload, rss);
                    log("%s %s idle RSS (VmRSS, both models loaded, after warm-up) %.1f MB", workload, t.name(),
                            rss / 1048576.0);
                }
            }
            for (int rep = 0; rep < config.reps; rep++) {
                for (int c : levels) {
                    int n = config.requests > 0 ? config.requests
                            : gen ? Math.max(32, 8 * c) : Math.max(64, 32 * c);
                    // alternate which side goes first, so drift on a shared machine does not favour one
                    List<Target> order = new ArrayList<>(targets);
                    if ((rep + levels.indexOf(c)) % 2 == 1) {
                        order = order.reversed();
                    }
                    for (Target t : order) {
                        LevelResult r = measure(t, gen, c, n, rep);
                        results.computeIfAbsent(workload + c, k -> new LinkedHashMap<>())
                                .computeIfAbsent(t.name(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            for (Target t : targets) {
                peakRss.computeIfAbsent(workload, k -> new LinkedHashMap<>()).put(t.name(), t.peakRssBytes());
                log("%s %s peak RSS %.1f MB", workload, t.name(), t.peakRssBytes() / 1048576.0);
                if (t instanceof HttpTarget h && t.name().equals(PADDOCK_HTTP)) {
                    saveMetrics(h, workload);
                }
            }
        } finally {
            targets.forEach(Target::close);
            for (Path dir : tempDirs) {
                deleteQuietly(dir);
            }
            tempDirs.clear();
        }
    }

    private final List<Path> tempDirs = new ArrayList<>();

    /**
     * Paddock's own server, the packaged Quarkus application, serving both models with the same settings
     * as the other two sides (one paddock.yaml in a temporary folder, deleted when the phase ends).
     */
    private Target startPaddockHttp(boolean gen) throws Exception {
        if (config.serverJar == null || !Files.isRegularFile(config.serverJar)) {
            throw new IllegalArgumentException("--server-jar PATH (server/target/quarkus-app/quarkus-run.jar) is"
                    + " required for the paddock-http side; got " + config.serverJar);
        }
        Path dir = Files.createTempDirectory("paddock-bench-");
        tempDirs.add(dir);
        Path yaml = dir.resolve("paddock.yaml");
        String t = Integer.toString(config.threads);
        Files.writeString(yaml, String.join("\n",
                "models:",
                "  - name: " + HTTP_GEN_MODEL,
                "    task: generate",
                "    source: " + Json.quote(TestModels.stories260K().toAbsolutePath().toString()),
                "    contextSize: " + GEN_CONTEXT,
                "    parallel: " + PARALLEL,
                "    threads: " + t,
                "    batchSize: " + BATCH,
                "    maxQueued: 64",
                "  - name: " + HTTP_EMBED_MODEL,
                "    task: embed",
                "    source: " + Json.quote(TestModels.miniLm().toAbsolutePath().toString()),
                "    contextSize: " + EMBED_CONTEXT,
                "    parallel: " + PARALLEL,
                "    threads: " + t,
                "    batchSize: " + BATCH,
                "    maxQueued: 64",
                ""));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(config.serverJvm);
        cmd.addAll(List.of("-Dquarkus.http.port={port}", "-Dquarkus.http.host=127.0.0.1",
                "-Dpaddock.server.config=" + yaml, "-jar", config.serverJar.toString()));
        String name = "paddock-http-" + (gen ? "gen" : "emb");
        Files.copy(yaml, config.logs.resolve(name + ".yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return HttpTarget.start(PADDOCK_HTTP, cmd, HttpApi.openAi(HTTP_GEN_MODEL, HTTP_EMBED_MODEL), "/health/ready",
                config.logs.resolve(name + ".log"));
    }

    /** Keeps the server's Prometheus metrics (server-side TTFT, queue times) beside the logs. */
    private void saveMetrics(HttpTarget t, String workload) {
        try {
            String metrics = t.get("/metrics");
            Files.writeString(config.logs.resolve("paddock-http-" + workload + "-metrics.txt"), metrics);
            double sum = 0;
            double count = 0;
            for (String l : metrics.split("\n")) {
                if (l.startsWith("paddock_time_to_first_token_seconds_sum")) {
                    sum += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                } else if (l.startsWith("paddock_time_to_first_token_seconds_count")) {
                    count += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                }
            }
            if (count > 0) {
                log("%s %s server-side paddock_time_to_first_token_seconds: mean %.3f ms over %.0f requests (warm-up"
                        + " included)", workload, t.name(), 1000 * sum / count, count);
            }
        } catch (Exception e) {
            log("%s %s: could not read /metrics: %s", workload, t.name(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; nothing to do
        }
    }

    /**
     * One level on one side, on a quiet machine: waits for other processes to calm down, runs, and runs
     * again (up to --retries times) when others used more than --noise cores meanwhile, keeping the
     * least disturbed run.
     */
    private LevelResult measure(Target t, boolean gen, int c, int n, int rep) throws Exception {
        List<Long> pids = List.of(ProcessHandle.current().pid(), t.pid());
        LevelResult best = null;
        double bestNoise = Double.MAX_VALUE;
        double bestServerTtft = Double.NaN;
        double bestClientTtft = Double.NaN;
        for (int attempt = 0; attempt <= config.retries; attempt++) {
            double before = CpuMeter.awaitQuiet(pids, config.noise, 300, 30_000);
            boolean httpGen = gen && t instanceof HttpTarget && t.name().equals(PADDOCK_HTTP);
            double[] ttftBefore = httpGen ? serverTtft((HttpTarget) t) : null;
            CpuMeter.Snapshot a = CpuMeter.now(pids);
            LevelResult r = gen ? t.generate(c, n, config.tokens) : t.embed(c, n);
            double others = CpuMeter.foreignCores(a, CpuMeter.now(pids));
            double serverTtftMs = Double.NaN;
            if (httpGen) {
                double[] after = serverTtft((HttpTarget) t);
                serverTtftMs = after[1] > ttftBefore[1] ? 1000 * (after[0] - ttftBefore[0]) / (after[1] - ttftBefore[1])
                        : Double.NaN;
                log("rep %d gen c=%d %s TTFT mean: client %.2f ms, server-side metric %.2f ms", rep + 1, c, t.name(),
                        java.util.Arrays.stream(r.ttftMs()).average().orElse(Double.NaN), serverTtftMs);
            }
            if (r.errors() > 0) {
                log("rep %d %s c=%d %s: %d of %d requests failed (%s)%s", rep + 1, gen ? "gen" : "emb", c, t.name(),
                        r.errors(), r.requests(), r.firstError(), attempt < config.retries ? "; again" : "");
                if (attempt == config.retries && best == null) {
                    check(r, t, (gen ? "gen" : "emb") + c);
                }
                continue;
            }
            log("rep %d %s c=%d %-12s %s  [others: %.2f cores before, %.2f during%s]", rep + 1, gen ? "gen" : "emb",
                    c, t.name(), summary(r), before, others, others >= config.noise ? ", disturbed" : "");
            if (others < bestNoise) {
                best = r;
                bestNoise = others;
                bestServerTtft = serverTtftMs;
                bestClientTtft = java.util.Arrays.stream(r.ttftMs()).average().orElse(Double.NaN);
            }
            if (others < config.noise) {
                break;
            }
        }
        noise.computeIfAbsent((gen ? "gen" : "emb") + c, k -> new LinkedHashMap<>())
                .computeIfAbsent(t.name(), k -> new ArrayList<>()).add(bestNoise);
        if (!Double.isNaN(bestServerTtft)) {
            httpTtftMeans.computeIfAbsent("gen" + c, k -> new ArrayList<>())
                    .add(new double[] {bestClientTtft, bestServerTtft});
        }
        return best;
    }

    private Target startPaddock(boolean gen) throws IOException {
        Path model = gen ? TestModels.stories260K() : TestModels.miniLm();
        List<String> args = List.of("--model", model.toString(), "--mode", gen ? "gen" : "embed", "--threads",
                Integer.toString(config.threads), "--parallel", Integer.toString(PARALLEL), "--ctx",
                Integer.toString(gen ? GEN_CONTEXT : EMBED_CONTEXT));
        return EngineTarget.start(PADDOCK, config.childJvm, args, config.logs.resolve("paddock-" + (gen ? "gen" : "emb")
                + ".log"));
    }

    private Target startLlamaServer(boolean gen) throws Exception {
        if (config.llamaServer == null) {
            throw new IllegalArgumentException("--llama-server PATH is required (bench/run.sh passes it)");
        }
        Path model = gen ? TestModels.stories260K() : TestModels.miniLm();
        int perSlot = gen ? GEN_CONTEXT : EMBED_CONTEXT;
        String t = Integer.toString(config.threads);
        List<String> cmd = new ArrayList<>(List.of(config.llamaServer.toString(), "-m", model.toString(),
                "-c", Integer.toString(perSlot * PARALLEL), "-np", Integer.toString(PARALLEL), "--no-kv-unified",
                "-t", t, "-tb", t, "-b", Integer.toString(BATCH), "-ub", Integer.toString(BATCH),
                "--host", "127.0.0.1", "--port", "{port}", "--no-webui"));
        if (!gen) {
            cmd.addAll(List.of("--embeddings", "--pooling", "mean"));
        }
        cmd.addAll(config.llamaServerExtra);
        return HttpTarget.start(LLAMA_SERVER, cmd, HttpApi.llamaServer(), "/health",
                config.logs.resolve("llama-server-" + (gen ? "gen" : "emb") + ".log"));
    }

    private static void check(LevelResult r, Target t, String what) {
        if (r.errors() > 0) {
            throw new IllegalStateException(t.name() + " " + what + ": " + r.errors() + " of " + r.requests()
                    + " requests failed, first: " + r.firstError());
        }
    }

    private static String summary(LevelResult r) {
        if (r.workload().equals("gen")) {
            return String.format(Locale.ROOT, "%8.0f tok/s  TTFT p50 %6.2f ms p95 %6.2f ms  ITL p50 %.3f ms",
                    r.tokensPerSecond(), r.ttftP50(), r.ttftP95(), r.interTokenP50());
        }
        return String.format(Locale.ROOT, "%8.1f req/s  p50 %6.2f ms", r.requestsPerSecond(), r.latencyP50());
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench] " + format + "%n", args);
    }

    Config config() {
        return config;
    }

    Map<String, Map<String, List<LevelResult>>> results() {
        return results;
    }

    Map<String, Map<String, Long>> peakRss() {
        return peakRss;
    }

    Map<String, Map<String, List<Double>>> noise() {
        return noise;
    }

    Map<String, String> commands() {
        return commands;
    }

    Map<String, List<double[]>> httpTtftMeans() {
        return httpTtftMeans;
    }

    /** {sum seconds, count} of the server's paddock_time_to_first_token_seconds, all models. */
    private static double[] serverTtft(HttpTarget t) {
        double sum = 0;
        double count = 0;
        try {
            for (String l : t.get("/metrics").split("\n")) {
                if (l.startsWith("paddock_time_to_first_token_seconds_sum")) {
                    sum += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                } else if (l.startsWith("paddock_time_to_first_token_seconds_count")) {
                    count += Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1));
                }
            }
        } catch (Exception e) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {sum, count};
    }

    Map<String, Long> httpIdleRss() {
        return httpIdleRss;
    }

    /** The parsed options. */
    record Config(Path llamaServer, int threads, int requests, Set<String> rows, int reps, int tokens,
            Set<String> sides, List<String> childJvm, List<String> llamaServerExtra, double noise, int retries,
            Path out, Path logs, Path serverJar, List<String> serverJvm) {

        static Config parse(String[] argv) throws IOException {
            Args a = Args.parse(argv);
            Set<String> rows = new LinkedHashSet<>();
            for (String r : a.get("rows", "all").split(",")) {
                switch (r.strip()) {
                    case "all" -> rows.addAll(List.of("gen1", "gen4", "gen8", "emb1", "emb8"));
                    case "gen" -> rows.addAll(List.of("gen1", "gen4", "gen8"));
                    case "emb" -> rows.addAll(List.of("emb1", "emb8"));
                    case "gen1", "gen4", "gen8", "emb1", "emb8" -> rows.add(r.strip());
                    default -> throw new IllegalArgumentException("--rows takes gen1,gen4,gen8,emb1,emb8,gen,emb,all;"
                            + " not '" + r + "'");
                }
            }
            Set<String> sides = new LinkedHashSet<>(Arrays.asList(a.get("sides", "paddock,llama-server,paddock-http")
                    .split(",")));
            for (String side : sides) {
                if (!side.equals("paddock") && !side.equals("llama-server") && !side.equals("paddock-http")) {
                    throw new IllegalArgumentException("--sides takes paddock, llama-server and paddock-http, not '"
                            + side + "'");
                }
            }
            Path out = Path.of(a.get("out", "bench/target/bench-results")).toAbsolutePath();
            Path logs = out.resolve("logs");
            Files.createDirectories(logs);
            String ls = a.get("llama-server", "");
            return new Config(ls.isEmpty() ? null : Path.of(ls), a.getInt("threads", 1), a.getInt("requests", 0),
                    rows, a.getInt("reps", 3), a.getInt("tokens", 128), sides,
                    words(a.get("child-jvm-opts", DEFAULT_CHILD_JVM)), words(a.get("llama-server-extra", "")),
                    Double.parseDouble(a.get("noise", "0.3")), a.getInt("retries", 2), out, logs,
                    a.get("server-jar", "").isEmpty() ? null : Path.of(a.get("server-jar", "")).toAbsolutePath(),
                    words(a.get("server-jvm-opts", DEFAULT_SERVER_JVM)));
        }

        private static List<String> words(String s) {
            return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
        }

        List<Integer> levels(String group, List<Integer> all) {
            return all.stream().filter(c -> rows.contains(group + c)).toList();
        }
    }
}

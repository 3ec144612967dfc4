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
 * --sides LIST          paddock,llama-server (default both)
 * --child-jvm-opts S    JVM options of the Paddock child (default {@value #DEFAULT_CHILD_JVM})
 * --llama-server-extra S  more llama-server options (experiments only; later options override)
 * --noise CORES         a run during which other processes used this much CPU or more is run again
 *                       (default 0.3 cores)
 * --retries N           how often a disturbed run is repeated (default 2; the least disturbed is kept)
 * --out DIR             where the results (markdown and JSON) go (default bench/target/bench-results)
 * </pre>
 */
public final class Bench {

    static final String DEFAULT_CHILD_JVM = "-XX:+UseSerialGC -Xms16m -Xmx128m -Xss512k -XX:TieredStopAtLevel=1";
    static final String PADDOCK = "Paddock";
    static final String LLAMA_SERVER = "llama-server";
    static final int PARALLEL = 8;
    static final int GEN_CONTEXT = 256;
    static final int EMBED_CONTEXT = 512;
    static final int BATCH = 512;
    static final double RSS_TARGET_MB = 150;

    private final Config config;
    /** row key ("gen4", "emb1") -> target name -> one result per repetition */
    private final Map<String, Map<String, List<LevelResult>>> results = new LinkedHashMap<>();
    /** "gen"/"emb" -> target name -> peak RSS bytes */
    private final Map<String, Map<String, Long>> peakRss = new LinkedHashMap<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    /** row key -> target name -> other processes' CPU use (cores) during each kept run */
    private final Map<String, Map<String, List<Double>>> noise = new LinkedHashMap<>();

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
            for (Target t : targets) {
                commands.put(workload + " " + t.name(), t.describe());
                log("%s %s: warm-up", workload, t.name());
                if (gen) {
                    check(t.generate(PARALLEL, PARALLEL, config.tokens), t, "warm-up");
                    check(t.generate(1, 2, config.tokens), t, "warm-up");
                } else {
                    check(t.embed(PARALLEL, 4 * PARALLEL), t, "warm-up");
                    check(t.embed(1, 8), t, "warm-up");
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
            }
        } finally {
            targets.forEach(Target::close);
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
        for (int attempt = 0; attempt <= config.retries; attempt++) {
            double before = CpuMeter.awaitQuiet(pids, config.noise, 300, 30_000);
            CpuMeter.Snapshot a = CpuMeter.now(pids);
            LevelResult r = gen ? t.generate(c, n, config.tokens) : t.embed(c, n);
            double others = CpuMeter.foreignCores(a, CpuMeter.now(pids));
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
            }
            if (others < config.noise) {
                break;
            }
        }
        noise.computeIfAbsent((gen ? "gen" : "emb") + c, k -> new LinkedHashMap<>())
                .computeIfAbsent(t.name(), k -> new ArrayList<>()).add(bestNoise);
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

    /** The parsed options. */
    record Config(Path llamaServer, int threads, int requests, Set<String> rows, int reps, int tokens,
            Set<String> sides, List<String> childJvm, List<String> llamaServerExtra, double noise, int retries,
            Path out, Path logs) {

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
            Set<String> sides = new LinkedHashSet<>(Arrays.asList(a.get("sides", "paddock,llama-server").split(",")));
            for (String side : sides) {
                if (!side.equals("paddock") && !side.equals("llama-server")) {
                    throw new IllegalArgumentException("--sides takes paddock and llama-server, not '" + side + "'");
                }
            }
            Path out = Path.of(a.get("out", "bench/target/bench-results")).toAbsolutePath();
            Path logs = out.resolve("logs");
            Files.createDirectories(logs);
            String ls = a.get("llama-server", "");
            return new Config(ls.isEmpty() ? null : Path.of(ls), a.getInt("threads", 1), a.getInt("requests", 0),
                    rows, a.getInt("reps", 3), a.getInt("tokens", 128), sides,
                    words(a.get("child-jvm-opts", DEFAULT_CHILD_JVM)), words(a.get("llama-server-extra", "")),
                    Double.parseDouble(a.get("noise", "0.3")), a.getInt("retries", 2), out, logs);
        }

        private static List<String> words(String s) {
            return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
        }

        List<Integer> levels(String group, List<Integer> all) {
            return all.stream().filter(c -> rows.contains(group + c)).toList();
        }
    }
}

package dev.paddock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark: Paddock's engine (in a child JVM, see {@link EngineLoad}) against llama.cpp's own
 * llama-server of the same llama.cpp version, Paddock's server in one process and Paddock's distributed
 * topology, the same load on all, one run. Run it with
 * {@code bench/run.sh}; options:
 *
 * <pre>
 * --llama-server PATH   the llama-server binary (run.sh builds it with build-llama-server.sh)
 * --threads N           CPU threads for both sides (default 1)
 * --requests N          requests per level and repetition (default: generation 8 x concurrency, at
 *                       least 32; embeddings 32 x concurrency, at least 64)
 * --rows LIST           gen1,gen4,gen8,emb1,emb8,flood (default all; "gen" and "emb" select a group;
 *                       "flood": interactive TTFT without and under a flood of batch requests, on the
 *                       Paddock-HTTP and Paddock-dist sides)
 * --reps N              repetitions of every level; the table shows medians (default 3)
 * --tokens N            generated tokens per request (default 128)
 * --sides LIST          paddock,llama-server,paddock-http,paddock-dist (default the first three;
 *                       paddock-dist is ./paddock serve --distributed: broker, gateway, workers)
 * --dist-workers LIST   worker counts of the paddock-dist side, one column each (default 1; each count
 *                       divides the 8 slots, which are split evenly over the workers)
 * --launcher PATH       the repository's paddock script, for paddock-dist (run.sh passes it)
 * --flood-requests N    interactive requests of the flood test, without and with the flood (default 40)
 * --flood-clients N     closed-loop batch clients of the flood (default 16: twice the slots)
 * --isolate true|false  each side alone: started, measured and stopped before the next one starts
 *                       (default true when paddock-dist is among the sides, else false: all sides
 *                       run at once and are measured in alternating order)
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
    /** Column prefix of the distributed side ({@code Paddock-dist-1w}: one worker). */
    static final String PADDOCK_DIST = "Paddock-dist";
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
    static final double DIST_TTFT_OVERHEAD_TARGET_MS = 10;
    static final double DIST_TOKENS_TARGET_RATIO = 0.9;
    static final double FLOOD_TARGET_RATIO = 2;

    private final BenchConfig config;
    /** row key ("gen4", "emb1") -> target name -> one result per repetition */
    private final Map<String, Map<String, List<LevelResult>>> results = new LinkedHashMap<>();
    /** "gen"/"emb" -> target name -> peak RSS bytes */
    private final Map<String, Map<String, Long>> peakRss = new LinkedHashMap<>();
    private final Map<String, String> commands = new LinkedHashMap<>();
    /** row key -> target name -> other processes' CPU use (cores) during each kept run */
    private final Map<String, Map<String, List<Double>>> noise = new LinkedHashMap<>();
    /** "gen"/"emb" -> the Paddock server's VmRSS with both models loaded, after warm-up, before load */
    private final Map<String, Long> httpIdleRss = new LinkedHashMap<>();
    /**
     * "gen4" -> Paddock server side -> per kept run {client-side mean TTFT, the gateway's mean
     * paddock_time_to_first_token_seconds, its mean paddock_queue_time_seconds (distributed only, else NaN)}
     */
    private final Map<String, Map<String, List<double[]>>> ttftBreakdown = new LinkedHashMap<>();
    /** Paddock server side -> one flood result per repetition */
    private final Map<String, List<Flood.Result>> floods = new LinkedHashMap<>();

    private Bench(BenchConfig config) {
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
        BenchConfig config = BenchConfig.parse(args);
        try {
            new Bench(config).run(String.join(" ", args));
        } finally {
            Processes.stopAll();
        }
        System.exit(0);
    }

    private void run(String argLine) throws Exception {
        Files.createDirectories(config.out());
        ZonedDateTime started = config.started();
        List<Integer> genLevels = config.levels("gen", List.of(1, 4, 8));
        List<Integer> embLevels = config.levels("emb", List.of(1, 8));
        log("threads=%d reps=%d tokens=%d sides=%s gen=%s emb=%s flood=%s", config.threads(), config.reps(),
                config.tokens(), config.sides(), genLevels, embLevels, config.flood());
        try {
            if (!genLevels.isEmpty() || config.flood()) {
                phase("gen", genLevels);
            }
            if (!embLevels.isEmpty()) {
                phase("emb", embLevels);
            }
        } catch (Exception | Error e) {
            // what was measured before the failure is kept (a long run on a shared machine is expensive)
            log("stopped early: %s; writing what was measured", e);
            try {
                report(started, argLine, measured("gen", genLevels), measured("emb", embLevels), "partial-");
            } catch (IOException | RuntimeException r) {
                log("no partial report: %s", r);
            }
            throw e;
        }
        report(started, argLine, genLevels, embLevels, "");
    }

    private void report(ZonedDateTime started, String argLine, List<Integer> genLevels, List<Integer> embLevels,
            String prefix) throws IOException {
        String report = Report.render(this, started, argLine, genLevels, embLevels);
        System.out.println();
        System.out.println(report);
        String stamp = prefix + BenchConfig.stamp(started);
        Files.writeString(config.out().resolve("bench-" + stamp + ".md"), report);
        Files.writeString(config.out().resolve("bench-" + stamp + ".json"), Report.json(this, started, argLine));
        log("results in %s, the processes' logs and /metrics in %s", config.out().resolve("bench-" + stamp
                + ".{md,json}"), config.logs());
    }

    private List<Integer> measured(String workload, List<Integer> levels) {
        return levels.stream().filter(c -> results.containsKey(workload + c)).toList();
    }

    /**
     * One workload on the selected sides: all of them running at once, measured in alternating order; or, with
     * --isolate, one side after another, each alone on the machine (a distributed topology is not idle when
     * idle: its broker and the workers' polling consumers would disturb the other sides' figures).
     */
    private void phase(String workload, List<Integer> levels) throws Exception {
        Sides sides = new Sides(config);
        List<Sides.Starter> starters = sides.starters(workload.equals("gen"));
        if (config.isolate()) {
            for (Sides.Starter s : starters) {
                phase(workload, levels, sides, List.of(s));
            }
        } else {
            phase(workload, levels, sides, starters);
        }
    }

    private void phase(String workload, List<Integer> levels, Sides sides, List<Sides.Starter> starters)
            throws Exception {
        boolean gen = workload.equals("gen");
        List<Target> targets = List.of();
        try {
            targets = Sides.start(starters);
            for (Target t : targets) {
                commands.put(workload + " " + t.name(), t.describe());
                warmUp(t, workload, gen);
            }
            for (int rep = 0; rep < config.reps(); rep++) {
                for (int c : levels) {
                    int n = config.requests() > 0 ? config.requests()
                            : gen ? Math.max(32, 8 * c) : Math.max(64, 32 * c);
                    for (Target t : alternate(targets, rep + levels.indexOf(c))) {
                        LevelResult r = measure(t, gen, c, n, rep);
                        results.computeIfAbsent(workload + c, k -> new LinkedHashMap<>())
                                .computeIfAbsent(t.name(), k -> new ArrayList<>()).add(r);
                    }
                }
            }
            if (gen && config.flood()) {
                flood(targets);
            }
            for (Target t : targets) {
                peakRss.computeIfAbsent(workload, k -> new LinkedHashMap<>()).put(t.name(), t.peakRssBytes());
                log("%s %s peak RSS %.1f MB", workload, t.name(), t.peakRssBytes() / 1048576.0);
                if (t instanceof DistributedTarget d) {
                    log("%s %s peak RSS by process: %s", workload, t.name(), String.join(", ", d.peakRssByProcess()));
                }
                saveMetrics(t, workload);
            }
        } finally {
            targets.forEach(Target::close);
            sides.cleanUp();
        }
    }

    /** The targets, reversed every other time, so that drift on a shared machine does not favour one. */
    private static List<Target> alternate(List<Target> targets, int turn) {
        return turn % 2 == 1 ? targets.reversed() : targets;
    }

    /**
     * A few hundred requests, so that the JVMs' per-request code is compiled (C1 compiles a method after ~200
     * calls) before anything is measured; the same on every side. The Paddock server serves both models: both
     * are warmed, so that its idle RSS has both in use.
     */
    private void warmUp(Target t, String workload, boolean gen) throws Exception {
        log("%s %s: warm-up", workload, t.name());
        boolean both = t.name().equals(PADDOCK_HTTP);
        if (gen || both) {
            check(t.generate(PARALLEL, WARM_UP_REQUESTS, config.tokens()), t, "warm-up");
            check(t.generate(1, 8, config.tokens()), t, "warm-up");
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

    /** The flood test on each Paddock server side, --reps times (sides alternating). */
    private void flood(List<Target> targets) throws Exception {
        List<Target> servers = targets.stream().filter(t -> gatewayOf(t) != null).toList();
        if (servers.isEmpty()) {
            log("flood: no Paddock server side selected (paddock-http, paddock-dist); skipped");
        }
        for (int rep = 0; rep < config.reps(); rep++) {
            for (Target t : alternate(servers, rep)) {
                Flood.Result r = Flood.run(gatewayOf(t), pidsOf(t), config.floodRequests(), config.floodClients(),
                        config.tokens());
                check(r.unloaded(), t, "flood, unloaded");
                check(r.batchAlone(), t, "flood, batch alone");
                check(r.flooded(), t, "flood, flooded");
                log("rep %d flood %-15s interactive TTFT p50/p95 unloaded %.2f/%.2f ms, flooded %.2f/%.2f ms (x%.2f);"
                        + " batch %.0f tok/s, %d finished, %d failed; queue time %.2f ms; batch alone TTFT p50/p95"
                        + " %.2f/%.2f ms [others: %.2f cores]",
                        rep + 1, t.name(), r.unloaded().ttftP50(), r.unloaded().ttftP95(), r.flooded().ttftP50(),
                        r.flooded().ttftP95(), r.ratioP95(), r.batchTokensPerSecond(), r.batchRequests(),
                        r.batchErrors(), r.queueMs(), r.batchAlone().ttftP50(), r.batchAlone().ttftP95(),
                        r.otherCores());
                floods.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    /** The HTTP API of a Paddock server side (its gateway when distributed), or null for the other sides. */
    static HttpTarget gatewayOf(Target t) {
        if (t instanceof DistributedTarget d) {
            return d.gateway();
        }
        return t instanceof HttpTarget h && t.name().equals(PADDOCK_HTTP) ? h : null;
    }

    private static List<Long> pidsOf(Target t) {
        List<Long> pids = new ArrayList<>(t.pids());
        pids.add(ProcessHandle.current().pid());
        return pids;
    }

    /** Keeps the Paddock servers' Prometheus metrics (server-side TTFT, queue times) beside the logs. */
    private void saveMetrics(Target t, String workload) {
        HttpTarget gateway = gatewayOf(t);
        if (gateway == null) {
            return;
        }
        String prefix = t.name().toLowerCase(Locale.ROOT) + "-" + workload;
        try {
            String metrics = gateway.get("/metrics");
            Files.writeString(config.logs().resolve(prefix + "-metrics.txt"), metrics);
            ServerMetrics.Reading ttft = ServerMetrics.read(metrics, ServerMetrics.TTFT, "");
            if (ttft.count() > 0) {
                log("%s %s server-side paddock_time_to_first_token_seconds: mean %.3f ms over %.0f requests (warm-up"
                        + " included)", workload, t.name(), 1000 * ttft.sum() / ttft.count(), ttft.count());
            }
            if (t instanceof DistributedTarget d) {
                for (int i = 1; i <= d.workers(); i++) {
                    Files.writeString(config.logs().resolve(prefix + "-worker-" + i + "-metrics.txt"),
                            gateway.get(d.workerBase(i).resolve("/metrics").toString()));
                }
            }
        } catch (Exception e) {
            log("%s %s: could not read /metrics: %s", workload, t.name(), e);
        }
    }

    /**
     * One level on one side, on a quiet machine: waits for other processes to calm down, runs, and runs
     * again (up to --retries times) when others used more than --noise cores meanwhile, keeping the
     * least disturbed run.
     */
    private LevelResult measure(Target t, boolean gen, int c, int n, int rep) throws Exception {
        List<Long> pids = pidsOf(t);
        HttpTarget gateway = gen ? gatewayOf(t) : null;
        LevelResult best = null;
        double bestNoise = Double.MAX_VALUE;
        double[] bestBreakdown = null;
        for (int attempt = 0; attempt <= config.retries(); attempt++) {
            double before = CpuMeter.awaitQuiet(pids, config.noise(), 300, 30_000);
            ServerMetrics.Reading ttftBefore = gateway == null ? null
                    : ServerMetrics.read(gateway, ServerMetrics.TTFT, "");
            ServerMetrics.Reading queueBefore = gateway == null ? null
                    : ServerMetrics.read(gateway, ServerMetrics.QUEUE_TIME, "");
            CpuMeter.Snapshot a = CpuMeter.now(pids);
            LevelResult r = gen ? t.generate(c, n, config.tokens()) : t.embed(c, n);
            double others = CpuMeter.foreignCores(a, CpuMeter.now(pids));
            double[] breakdown = null;
            if (gateway != null) {
                breakdown = new double[] {Arrays.stream(r.ttftMs()).average().orElse(Double.NaN),
                        ServerMetrics.read(gateway, ServerMetrics.TTFT, "").meanMsSince(ttftBefore),
                        ServerMetrics.read(gateway, ServerMetrics.QUEUE_TIME, "").meanMsSince(queueBefore)};
                log("rep %d gen c=%d %s TTFT mean: client %.2f ms, gateway's metric %.2f ms, gateway's queue time"
                        + " %.2f ms", rep + 1, c, t.name(), breakdown[0], breakdown[1], breakdown[2]);
            }
            if (r.errors() > 0) {
                log("rep %d %s c=%d %s: %d of %d requests failed (%s)%s", rep + 1, gen ? "gen" : "emb", c, t.name(),
                        r.errors(), r.requests(), r.firstError(), attempt < config.retries() ? "; again" : "");
                if (attempt == config.retries() && best == null) {
                    check(r, t, (gen ? "gen" : "emb") + c);
                }
                continue;
            }
            log("rep %d %s c=%d %-15s %s  [others: %.2f cores before, %.2f during%s]", rep + 1, gen ? "gen" : "emb",
                    c, t.name(), summary(r), before, others, others >= config.noise() ? ", disturbed" : "");
            if (others < bestNoise) {
                best = r;
                bestNoise = others;
                bestBreakdown = breakdown;
            }
            if (others < config.noise()) {
                break;
            }
        }
        noise.computeIfAbsent((gen ? "gen" : "emb") + c, k -> new LinkedHashMap<>())
                .computeIfAbsent(t.name(), k -> new ArrayList<>()).add(bestNoise);
        if (bestBreakdown != null) {
            ttftBreakdown.computeIfAbsent("gen" + c, k -> new LinkedHashMap<>())
                    .computeIfAbsent(t.name(), k -> new ArrayList<>()).add(bestBreakdown);
        }
        return best;
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

    BenchConfig config() {
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

    Map<String, Map<String, List<double[]>>> ttftBreakdown() {
        return ttftBreakdown;
    }

    Map<String, List<Flood.Result>> floods() {
        return floods;
    }

    Map<String, Long> httpIdleRss() {
        return httpIdleRss;
    }
}

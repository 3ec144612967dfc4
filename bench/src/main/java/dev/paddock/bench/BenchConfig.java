package dev.paddock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's parsed options (see {@link Bench} for what each means).
 *
 * @param distWorkers the worker counts of the distributed side, one column each
 * @param launcher the repository's {@code paddock} script (the distributed side runs it)
 * @param floodRequests interactive requests of the flood test, without and with the flood
 * @param floodClients closed-loop batch clients of the flood
 * @param isolate each side alone on the machine (started, measured and stopped before the next starts)
 * @param started when the run started: it names the report and the run's directory of logs
 */
record BenchConfig(Path llamaServer, int threads, int requests, Set<String> rows, int reps, int tokens,
        Set<String> sides, List<String> childJvm, List<String> llamaServerExtra, double noise, int retries,
        Path out, Path logs, Path serverJar, List<String> serverJvm, List<Integer> distWorkers, Path launcher,
        int floodRequests, int floodClients, boolean isolate, ZonedDateTime started) {

    static final List<String> SIDES = List.of("paddock", "llama-server", "paddock-http", "paddock-dist");

    static BenchConfig parse(String[] argv) throws IOException {
        Args a = Args.parse(argv);
        Path out = Path.of(a.get("out", "bench/target/bench-results")).toAbsolutePath();
        ZonedDateTime started = ZonedDateTime.now();
        // a directory per run, so that a failed run's logs are not overwritten by the next one
        Path logs = out.resolve("logs").resolve(stamp(started));
        Files.createDirectories(logs);
        String ls = a.get("llama-server", "");
        Set<String> sides = sides(a.get("sides", "paddock,llama-server,paddock-http"));
        boolean isolate = Boolean.parseBoolean(a.get("isolate", Boolean.toString(sides.contains("paddock-dist"))));
        return new BenchConfig(ls.isEmpty() ? null : Path.of(ls), a.getInt("threads", 1), a.getInt("requests", 0),
                rows(a.get("rows", "all")), a.getInt("reps", 3), a.getInt("tokens", 128),
                sides,
                words(a.get("child-jvm-opts", Bench.DEFAULT_CHILD_JVM)), words(a.get("llama-server-extra", "")),
                Double.parseDouble(a.get("noise", "0.3")), a.getInt("retries", 2), out, logs,
                path(a.get("server-jar", "")), words(a.get("server-jvm-opts", Bench.DEFAULT_SERVER_JVM)),
                distWorkers(a.get("dist-workers", "1")), path(a.get("launcher", "paddock")),
                a.getInt("flood-requests", 40), a.getInt("flood-clients", 2 * Bench.PARALLEL), isolate, started);
    }

    /** A run's time as the names of its files and folders have it. */
    static String stamp(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }

    private static Set<String> rows(String list) {
        Set<String> rows = new LinkedHashSet<>();
        for (String r : list.split(",")) {
            switch (r.strip()) {
                case "all" -> rows.addAll(List.of("gen1", "gen4", "gen8", "emb1", "emb8", "flood"));
                case "gen" -> rows.addAll(List.of("gen1", "gen4", "gen8"));
                case "emb" -> rows.addAll(List.of("emb1", "emb8"));
                case "gen1", "gen4", "gen8", "emb1", "emb8", "flood" -> rows.add(r.strip());
                default -> throw new IllegalArgumentException("--rows takes gen1,gen4,gen8,emb1,emb8,flood,gen,emb,all;"
                        + " not '" + r + "'");
            }
        }
        return rows;
    }

    private static Set<String> sides(String list) {
        Set<String> sides = new LinkedHashSet<>(Arrays.asList(list.split(",")));
        for (String side : sides) {
            if (!SIDES.contains(side)) {
                throw new IllegalArgumentException("--sides takes " + String.join(", ", SIDES) + "; not '" + side
                        + "'");
            }
        }
        return sides;
    }

    /** Worker counts that share the single process's slots evenly. */
    private static List<Integer> distWorkers(String list) {
        List<Integer> counts = Arrays.stream(list.split(",")).map(String::strip).map(Integer::parseInt).toList();
        for (int n : counts) {
            if (n < 1 || Bench.PARALLEL % n != 0) {
                throw new IllegalArgumentException("--dist-workers: each count must divide the " + Bench.PARALLEL
                        + " slots (1, 2, 4 or 8), not " + n);
            }
        }
        return counts;
    }

    private static Path path(String s) {
        return s.isEmpty() ? null : Path.of(s).toAbsolutePath();
    }

    private static List<String> words(String s) {
        return s.isBlank() ? List.of() : List.of(s.strip().split("\\s+"));
    }

    List<Integer> levels(String group, List<Integer> all) {
        return all.stream().filter(c -> rows.contains(group + c)).toList();
    }

    boolean flood() {
        return rows.contains("flood");
    }
}

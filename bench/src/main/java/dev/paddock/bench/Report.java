package dev.paddock.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The table (medians over repetitions, one column per side, a ratio column per side against
 * llama-server), the verdict of Paddock against the targets, and the raw results as JSON.
 */
final class Report {

    private Report() {
    }

    /** One table row: the median of a metric per column, and its min..max per column. */
    record Row(String label, String format, Map<String, Double> values, Map<String, String> spread) {
        double get(String column) {
            return values.getOrDefault(column, Double.NaN);
        }
    }

    static String render(Bench bench, ZonedDateTime date, String argLine, List<Integer> genLevels,
            List<Integer> embLevels) {
        var results = bench.results();
        Set<String> columns = new LinkedHashSet<>();
        results.values().forEach(byTarget -> columns.addAll(byTarget.keySet()));
        bench.peakRss().values().forEach(byTarget -> columns.addAll(byTarget.keySet()));
        // ratio columns: every side against llama-server; the distributed sides against Paddock-HTTP too
        List<String[]> ratios = new ArrayList<>();
        if (columns.contains(Bench.LLAMA_SERVER)) {
            columns.stream().filter(c -> !c.equals(Bench.LLAMA_SERVER))
                    .forEach(c -> ratios.add(new String[] {c, Bench.LLAMA_SERVER}));
        }
        if (columns.contains(Bench.PADDOCK_HTTP)) {
            columns.stream().filter(c -> c.startsWith(Bench.PADDOCK_DIST))
                    .forEach(c -> ratios.add(new String[] {c, Bench.PADDOCK_HTTP}));
        }

        List<Row> rows = new ArrayList<>();
        for (int c : genLevels) {
            var r = results.get("gen" + c);
            rows.add(row(r, "tokens/s, c=" + c, LevelResult::tokensPerSecond, "%.0f"));
            rows.add(row(r, "TTFT p50 ms, c=" + c, LevelResult::ttftP50, "%.2f"));
            rows.add(row(r, "TTFT p95 ms, c=" + c, LevelResult::ttftP95, "%.2f"));
            rows.add(row(r, "inter-token p50 ms, c=" + c + " (diag.)", LevelResult::interTokenP50, "%.3f"));
        }
        for (int c : embLevels) {
            var r = results.get("emb" + c);
            rows.add(row(r, "embeddings req/s, c=" + c, LevelResult::requestsPerSecond, "%.0f"));
            rows.add(row(r, "embeddings p50 ms, c=" + c, LevelResult::latencyP50, "%.2f"));
        }
        var rss = bench.peakRss();
        if (rss.containsKey("gen")) {
            rows.add(rssRow("peak RSS MB, stories260K", rss.get("gen")));
        }
        if (rss.containsKey("emb")) {
            rows.add(rssRow("peak RSS MB, MiniLM", rss.get("emb")));
        }
        Map<String, Long> idle = bench.httpIdleRss();
        if (!idle.isEmpty()) {
            // the Paddock server serves both models in each phase; the largest of its idle figures
            rows.add(rssRow("idle RSS MB (VmRSS), both models loaded",
                    Map.of(Bench.PADDOCK_HTTP, idle.values().stream().mapToLong(Long::longValue).max().orElse(0))));
        }

        StringBuilder b = new StringBuilder();
        b.append("Date: ").append(date.toLocalDate()).append(' ').append(date.toLocalTime().withNano(0))
                .append(' ').append(date.getZone()).append('\n');
        b.append("Machine: ").append(machine()).append('\n');
        b.append("Arguments: ").append(argLine.isBlank() ? "(defaults)" : argLine).append('\n');
        b.append(String.format(Locale.ROOT, "Threads: %d on every side; %d repetitions, medians shown;"
                + " %d generated tokens per request%n", bench.config().threads(), bench.config().reps(),
                bench.config().tokens()));
        b.append('\n');
        b.append("| row |");
        columns.forEach(c -> b.append(' ').append(c).append(" |"));
        ratios.forEach(p -> b.append(' ').append(p[0]).append('/').append(p[1]).append(" |"));
        b.append("\n|---|");
        columns.forEach(c -> b.append("---:|"));
        ratios.forEach(p -> b.append("---:|"));
        b.append('\n');
        for (Row r : rows) {
            b.append("| ").append(r.label).append(" |");
            columns.forEach(c -> b.append(' ').append(fmt(r.format, r.get(c))).append(" |"));
            ratios.forEach(p -> b.append(' ').append(fmt("%.2f", r.get(p[0]) / r.get(p[1]))).append(" |"));
            b.append('\n');
        }
        if (columns.contains(Bench.PADDOCK_HTTP) && columns.contains(Bench.PADDOCK) && !genLevels.isEmpty()) {
            b.append('\n').append("TTFT p50 overhead of Paddock-HTTP over the engine alone (ms):");
            for (int c : genLevels) {
                b.append(String.format(Locale.ROOT, " c=%d %+.2f;", c, ttftOverhead(rows, c)));
            }
            b.setLength(b.length() - 1);
            b.append('\n');
        }
        DistReport.breakdown(b, bench.ttftBreakdown());
        if (columns.contains(Bench.PADDOCK) && columns.contains(Bench.LLAMA_SERVER)) {
            b.append('\n').append("Targets (Paddock's engine against llama-server):\n");
            verdict(rows, rss, genLevels, embLevels).forEach(v -> b.append(v).append('\n'));
        }
        if (columns.contains(Bench.PADDOCK_HTTP)) {
            b.append('\n').append("Targets (Paddock over HTTP):\n");
            httpVerdict(rows, idle, genLevels, columns).forEach(v -> b.append(v).append('\n'));
        }
        DistReport.verdict(b, rows, columns, genLevels);
        DistReport.flood(b, bench.floods(), rows);
        b.append('\n').append("Spread over repetitions (min..max):\n");
        for (Row r : rows) {
            if (!r.spread.isEmpty()) {
                b.append("  ").append(r.label).append(":");
                r.spread.forEach((c, s) -> b.append(' ').append(c).append(' ').append(s).append(';'));
                b.setLength(b.length() - 1);
                b.append('\n');
            }
        }
        for (int c : genLevels) {
            List<LevelResult> l = results.get("gen" + c).getOrDefault(Bench.LLAMA_SERVER, List.of());
            if (!l.isEmpty()) {
                b.append(String.format(Locale.ROOT, "llama-server's own timings.predicted_per_token_ms, c=%d: %.3f"
                        + " (median of the runs' means)%n", c, Stats.median(l, LevelResult::serverPerTokenMs)));
            }
        }
        b.append('\n').append("Other processes' CPU use during the kept runs (cores, max over repetitions): ");
        List<String> noisy = new ArrayList<>();
        bench.noise().forEach((row, byTarget) -> byTarget.forEach((target, values) -> noisy.add(row + " " + target
                + " " + fmt("%.2f", values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)))));
        b.append(String.join(", ", noisy)).append('\n');
        String same = sameText(results);
        if (same != null) {
            b.append('\n').append(same).append('\n');
        }
        b.append('\n').append("Commands:\n");
        bench.commands().forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        return b.toString();
    }

    private static List<String> verdict(List<Row> rows, Map<String, Map<String, Long>> rss, List<Integer> genLevels,
            List<Integer> embLevels) {
        List<String> verdict = new ArrayList<>();
        for (int c : genLevels) {
            verdict.add(line(find(rows, "tokens/s, c=" + c), true, "aggregate tokens/s >= llama-server at c=" + c));
            verdict.add(line(find(rows, "TTFT p50 ms, c=" + c), false, "TTFT p50 no worse than llama-server at c="
                    + c));
        }
        for (int c : embLevels) {
            verdict.add(line(find(rows, "embeddings req/s, c=" + c), true, "embeddings req/s >= llama-server at c="
                    + c));
        }
        if (rss.containsKey("gen") && rss.get("gen").containsKey(Bench.PADDOCK)) {
            double mb = rss.get("gen").get(Bench.PADDOCK) / 1048576.0;
            verdict.add(String.format(Locale.ROOT, "- %s Paddock peak RSS with stories260K <= %.0f MB (%.1f MB)",
                    mb <= Bench.RSS_TARGET_MB ? "PASS" : "FAIL", Bench.RSS_TARGET_MB, mb));
        }
        return verdict;
    }

    static double median(List<double[]> runs, int i) {
        double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double ttftOverhead(List<Row> rows, int c) {
        Row r = find(rows, "TTFT p50 ms, c=" + c);
        return r.get(Bench.PADDOCK_HTTP) - r.get(Bench.PADDOCK);
    }

    private static List<String> httpVerdict(List<Row> rows, Map<String, Long> idle, List<Integer> genLevels,
            Set<String> columns) {
        List<String> verdict = new ArrayList<>();
        if (genLevels.contains(8) && columns.contains(Bench.LLAMA_SERVER)) {
            Row r = find(rows, "tokens/s, c=8");
            double ratio = r.get(Bench.PADDOCK_HTTP) / r.get(Bench.LLAMA_SERVER);
            verdict.add(String.format(Locale.ROOT, "- %s Paddock-HTTP aggregate tokens/s >= %.2f x llama-server at c=8"
                    + " (ratio %.2f)", outcome(ratio >= Bench.HTTP_TOKENS_TARGET_RATIO, ratio),
                    Bench.HTTP_TOKENS_TARGET_RATIO, ratio));
        }
        if (columns.contains(Bench.PADDOCK)) {
            for (int c : genLevels) {
                double d = ttftOverhead(rows, c);
                verdict.add(String.format(Locale.ROOT, "- %s Paddock-HTTP TTFT p50 overhead over the engine alone"
                        + " <= %.0f ms at c=%d (%+.2f ms)", outcome(d <= Bench.HTTP_TTFT_OVERHEAD_TARGET_MS, d),
                        Bench.HTTP_TTFT_OVERHEAD_TARGET_MS, c, d));
            }
        }
        if (!idle.isEmpty()) {
            double mb = idle.values().stream().mapToLong(Long::longValue).max().orElse(0) / 1048576.0;
            verdict.add(String.format(Locale.ROOT, "- %s Paddock-HTTP idle RSS with both default models loaded"
                    + " <= %.0f MB (%.1f MB)", mb <= Bench.HTTP_IDLE_RSS_TARGET_MB ? "PASS" : "FAIL",
                    Bench.HTTP_IDLE_RSS_TARGET_MB, mb));
        }
        return verdict;
    }

    static String outcome(boolean pass, double value) {
        return Double.isNaN(value) ? "N/A " : pass ? "PASS" : "FAIL";
    }

    private static String line(Row r, boolean higherIsBetter, String what) {
        double ratio = r.get(Bench.PADDOCK) / r.get(Bench.LLAMA_SERVER);
        String outcome = Double.isNaN(ratio) ? "N/A " : (higherIsBetter ? ratio >= 1 : ratio <= 1) ? "PASS" : "FAIL";
        return String.format(Locale.ROOT, "- %s %s (ratio %.2f)", outcome, what, ratio);
    }

    private static String sameText(Map<String, Map<String, List<LevelResult>>> results) {
        var gen1 = results.get("gen1");
        if (gen1 == null || gen1.size() < 2) {
            return null;
        }
        Set<String> texts = new LinkedHashSet<>();
        gen1.values().forEach(runs -> texts.add(runs.getFirst().firstText()));
        String p = texts.iterator().next();
        return "Greedy output identical on all sides (" + String.join(", ", gen1.keySet()) + "): "
                + (texts.size() == 1 ? "yes" : "NO") + " (" + Json.quote(p.substring(0, Math.min(60, p.length())))
                + "...)";
    }

    private static Row row(Map<String, List<LevelResult>> byTarget, String label,
            ToDoubleFunction<LevelResult> metric, String format) {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> spread = new LinkedHashMap<>();
        byTarget.forEach((target, runs) -> {
            values.put(target, Stats.median(runs, metric));
            double[] range = Stats.range(runs, metric);
            spread.put(target, fmt(format, range[0]) + ".." + fmt(format, range[1]));
        });
        return new Row(label, format, values, spread);
    }

    private static Row rssRow(String label, Map<String, Long> bytes) {
        Map<String, Double> values = new LinkedHashMap<>();
        bytes.forEach((target, b) -> values.put(target, b / 1048576.0));
        return new Row(label, "%.1f", values, Map.of());
    }

    static Row find(List<Row> rows, String label) {
        return rows.stream().filter(r -> r.label.equals(label)).findFirst().orElseThrow();
    }

    static String fmt(String f, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) || v < 0 ? "-" : String.format(Locale.ROOT, f, v);
    }

    static String machine() {
        String model = "?";
        long memKb = 0;
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (l.startsWith("model name")) {
                    model = l.substring(l.indexOf(':') + 1).strip();
                    break;
                }
            }
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // leave what is known
        }
        return String.format(Locale.ROOT, "%s, %d cores, %.1f GiB memory, %s %s, Java %s", model,
                Runtime.getRuntime().availableProcessors(), memKb / 1048576.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"));
    }

    static String json(Bench bench, ZonedDateTime date, String argLine) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", date.toString());
        root.put("machine", machine());
        root.put("arguments", argLine);
        root.put("config", bench.config().toString());
        root.put("commands", bench.commands());
        root.put("peakRssBytes", bench.peakRss());
        root.put("paddockHttpIdleRssBytes", bench.httpIdleRss());
        root.put("ttftMeansClientGatewayQueueMs", bench.ttftBreakdown());
        root.put("flood", bench.floods());
        root.put("otherProcessesCores", bench.noise());
        root.put("results", bench.results());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    }
}

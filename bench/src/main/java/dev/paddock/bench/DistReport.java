package dev.paddock.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The parts of the report about the distributed topology and about priorities: where a Paddock server's time
 * to first token goes, the distributed sides against the single process (issue 5's targets), and the flood
 * test (interactive TTFT under a flood of batch requests).
 */
final class DistReport {

    private DistReport() {
    }

    /** Client-side mean TTFT beside the gateway's own figures, per Paddock server side and row. */
    static void breakdown(StringBuilder b, Map<String, Map<String, List<double[]>>> breakdown) {
        if (breakdown.isEmpty()) {
            return;
        }
        b.append('\n').append("Mean TTFT (ms, median over runs): client-side / the gateway's"
                + " paddock_time_to_first_token_seconds [/ the gateway's paddock_queue_time_seconds: publish to Kafka"
                + " until the worker's first reply,"
                + " distributed only]:\n");
        breakdown.forEach((row, bySide) -> {
            b.append("  ").append(row).append(':');
            bySide.forEach((side, runs) -> {
                b.append(String.format(Locale.ROOT, " %s %.2f / %.2f", side, Report.median(runs, 0),
                        Report.median(runs, 1)));
                double queue = Report.median(runs, 2);
                if (!Double.isNaN(queue)) {
                    b.append(String.format(Locale.ROOT, " / %.2f", queue));
                }
                b.append(';');
            });
            b.setLength(b.length() - 1);
            b.append('\n');
        });
    }

    /** Each distributed side against Paddock-HTTP: TTFT p50 overhead at every level, tokens/s ratio at c=8. */
    static void verdict(StringBuilder b, List<Report.Row> rows, Set<String> columns, List<Integer> genLevels) {
        List<String> dist = columns.stream().filter(c -> c.startsWith(Bench.PADDOCK_DIST)).toList();
        if (dist.isEmpty() || !columns.contains(Bench.PADDOCK_HTTP) || genLevels.isEmpty()) {
            return;
        }
        b.append('\n').append("Targets (distributed against the single process, Paddock-HTTP):\n");
        for (String side : dist) {
            for (int c : genLevels) {
                Report.Row r = Report.find(rows, "TTFT p50 ms, c=" + c);
                double d = r.get(side) - r.get(Bench.PADDOCK_HTTP);
                b.append(String.format(Locale.ROOT, "- %s %s TTFT p50 overhead over Paddock-HTTP <= %.0f ms at c=%d"
                        + " (%+.2f ms: %.2f against %.2f)%n", Report.outcome(d <= Bench.DIST_TTFT_OVERHEAD_TARGET_MS, d),
                        side, Bench.DIST_TTFT_OVERHEAD_TARGET_MS, c, d, r.get(side), r.get(Bench.PADDOCK_HTTP)));
            }
            if (genLevels.contains(8)) {
                Report.Row r = Report.find(rows, "tokens/s, c=8");
                double ratio = r.get(side) / r.get(Bench.PADDOCK_HTTP);
                b.append(String.format(Locale.ROOT, "- %s %s tokens/s >= %.2f x Paddock-HTTP at c=8 (ratio %.2f: %.0f"
                        + " against %.0f)%n", Report.outcome(ratio >= Bench.DIST_TOKENS_TARGET_RATIO, ratio), side,
                        Bench.DIST_TOKENS_TARGET_RATIO, ratio, r.get(side), r.get(Bench.PADDOCK_HTTP)));
            }
        }
    }

    /**
     * The flood test's table (medians over repetitions) and its verdict per side. A flood whose batch work ran
     * at less than half the side's own tokens/s at c=8 did not keep the slots busy: its ratio proves nothing
     * and is marked so rather than passed.
     */
    static void flood(StringBuilder b, Map<String, List<Flood.Result>> floods, List<Report.Row> rows) {
        if (floods.isEmpty()) {
            return;
        }
        b.append('\n').append("Flood test: interactive requests one at a time, alone and then while closed-loop"
                + " clients send batch requests (x-paddock-priority: batch) without pause; medians over"
                + " repetitions:\n\n");
        b.append("| side | interactive TTFT p50 ms, alone | p95, alone | p50, flooded | p95, flooded"
                + " | p95 flooded/alone | batch tokens/s during the flood | interactive queue time ms, flooded (gateway)"
                + " | batch TTFT p50 ms, alone | batch p95, alone |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        floods.forEach((side, runs) -> b.append("| ").append(side).append(" | ")
                .append(Report.fmt("%.2f", median(runs, r -> r.unloaded().ttftP50()))).append(" | ")
                .append(Report.fmt("%.2f", median(runs, r -> r.unloaded().ttftP95()))).append(" | ")
                .append(Report.fmt("%.2f", median(runs, r -> r.flooded().ttftP50()))).append(" | ")
                .append(Report.fmt("%.2f", median(runs, r -> r.flooded().ttftP95()))).append(" | ")
                .append(Report.fmt("%.2f", median(runs, Flood.Result::ratioP95))).append(" | ")
                .append(Report.fmt("%.0f", median(runs, Flood.Result::batchTokensPerSecond))).append(" | ")
                .append(Report.fmt("%.2f", median(runs, Flood.Result::queueMs))).append(" | ")
                .append(Report.fmt("%.2f", median(runs, r -> r.batchAlone().ttftP50()))).append(" | ")
                .append(Report.fmt("%.2f", median(runs, r -> r.batchAlone().ttftP95()))).append(" |\n"));
        b.append('\n').append("Targets (priorities):\n");
        Report.Row capacity = rows.stream().filter(r -> r.label().equals("tokens/s, c=8")).findFirst().orElse(null);
        floods.forEach((side, runs) -> {
            double ratio = median(runs, Flood.Result::ratioP95);
            double batch = median(runs, Flood.Result::batchTokensPerSecond);
            double full = capacity == null ? Double.NaN : capacity.get(side);
            boolean saturated = Double.isNaN(full) || batch >= 0.5 * full;
            String outcome = saturated ? Report.outcome(ratio <= Bench.FLOOD_TARGET_RATIO, ratio) : "INCONCLUSIVE";
            b.append(String.format(Locale.ROOT, "- %s %s interactive TTFT p95 under a batch flood <= %.0f x its"
                    + " unloaded value (x%.2f; per repetition:", outcome, side, Bench.FLOOD_TARGET_RATIO, ratio));
            runs.forEach(r -> b.append(String.format(Locale.ROOT, " x%.2f", r.ratioP95())));
            b.append(')');
            if (!saturated) {
                b.append(String.format(Locale.ROOT, ": the flood did not keep the slots busy, its batch requests ran"
                        + " at %.0f tokens/s against %.0f at c=8", batch, full));
            }
            b.append('\n');
        });
    }

    private static double median(List<Flood.Result> runs, ToDoubleFunction<Flood.Result> metric) {
        return Stats.median(runs, metric);
    }
}

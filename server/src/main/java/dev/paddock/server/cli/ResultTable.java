package dev.paddock.server.cli;

import dev.paddock.eval.run.RunResult;
import dev.paddock.eval.run.ScoreResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A run's scores as a plain-text table: one row per model and scorer, with the confidence interval. */
final class ResultTable {

    private ResultTable() {
    }

    static String render(RunResult r) {
        if (r.state() == RunResult.State.failed) {
            return "  FAILED: " + r.failure() + "\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "scorer", "score", "95% CI", "n"});
        for (ScoreResult s : r.scores()) {
            rows.add(new String[] {s.model(), s.scorer(), number(s.mean()),
                    "[" + number(s.ciLow()) + ", " + number(s.ciHigh()) + "]",
                    s.samples() + (s.unscored() > 0 ? " (" + s.unscored() + " unscored)" : "")});
        }
        int[] widths = new int[5];
        rows.forEach(row -> {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(' ');
            for (int i = 0; i < row.length; i++) {
                sb.append(' ').append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  %d items, %.1f s%n", r.items(),
                Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0));
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}

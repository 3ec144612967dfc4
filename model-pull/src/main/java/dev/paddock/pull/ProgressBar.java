package dev.paddock.pull;

import java.io.PrintStream;

/** A one-line terminal progress bar redrawn at most ten times a second. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final long total;
    private long lastDraw;

    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (out == null || now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        draw(done);
    }

    void finish(long done) {
        if (out != null) {
            draw(done);
            out.println();
        }
    }

    private void draw(long done) {
        if (total > 0) {
            int filled = (int) (WIDTH * done / total);
            out.printf("\r  [%s%s] %5.1f%% %d/%d MiB", "#".repeat(filled), " ".repeat(WIDTH - filled),
                    100.0 * done / total, done >> 20, total >> 20);
        } else {
            out.printf("\r  %d MiB", done >> 20);
        }
        out.flush();
    }
}

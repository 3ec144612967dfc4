package dev.paddock.manager.puller;

import dev.paddock.pull.ModelDownloader;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The progress lines the puller writes to its log while it downloads, {@code puller: progress DONE/TOTAL}
 * (TOTAL -1 when the source does not say), at most one per interval and one at the end. The operator
 * reads the last one from the pull pod's log (the kubelet keeps it), so the pull pod needs no access
 * to the Kubernetes API.
 *
 * @param done bytes downloaded so far (a resumed pull counts what it had)
 * @param total size of the file, or -1 when unknown
 */
public record PullProgress(long done, long total) {

    private static final String PREFIX = "puller: progress ";
    private static final Pattern LINE = Pattern.compile("^" + Pattern.quote(PREFIX) + "(\\d+)/(-?\\d+)$",
            Pattern.MULTILINE);

    /** The last progress line in a log, or null when it has none. */
    public static PullProgress last(String log) {
        if (log == null) {
            return null;
        }
        Matcher m = LINE.matcher(log);
        PullProgress last = null;
        while (m.find()) {
            last = new PullProgress(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        return last;
    }

    /** A download listener that writes a progress line to {@code out} at most every {@code intervalMillis}. */
    static ModelDownloader.Consumer writer(PrintStream out, long intervalMillis) {
        return new ModelDownloader.Consumer() {
            private long lastNanos;

            @Override
            public void bytes(long done, long total) {
                long now = System.nanoTime();
                if (lastNanos == 0 || now - lastNanos >= intervalMillis * 1_000_000L || done == total) {
                    lastNanos = now;
                    out.println(PREFIX + done + "/" + total);
                    out.flush();
                }
            }
        };
    }
}

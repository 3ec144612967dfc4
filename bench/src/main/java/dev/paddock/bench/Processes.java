package dev.paddock.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every process the benchmark starts, so that all of them are stopped at the end, on failure too:
 * {@link #stopAll()} runs from a finally block and from a shutdown hook (Ctrl-C, SIGTERM).
 */
final class Processes {

    private static final List<Process> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Processes::stopAll, "bench-stop-processes"));
    }

    private Processes() {
    }

    static synchronized Process start(ProcessBuilder builder) throws IOException {
        Process p = builder.start();
        STARTED.add(p);
        return p;
    }

    /** Stops one process: SIGTERM, then SIGKILL after 10 s. */
    static void stop(Process p) {
        stop(p, 10);
    }

    /**
     * Stops one process: SIGTERM, then SIGKILL after {@code graceSeconds}; then SIGKILL to whatever it
     * started that is still running (a launcher script's children must not outlive the benchmark).
     */
    static void stop(Process p, int graceSeconds) {
        if (p == null || !p.isAlive()) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        try {
            if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static void stopAll() {
        List<Process> all;
        synchronized (Processes.class) {
            all = new ArrayList<>(STARTED);
            STARTED.clear();
        }
        all.forEach(Processes::stop);
    }
}

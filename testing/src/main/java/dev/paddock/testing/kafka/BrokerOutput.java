package dev.paddock.testing.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Copies a broker process's output into its log file, line by line, and completes {@link #ready()} when the
 * broker logs that it has started, or fails it with the last lines when the process ends first. Waiting for the
 * log line means no polling and no sleeps.
 */
final class BrokerOutput implements Runnable {

    private static final String STARTED = "Kafka Server started";
    private static final int TAIL_LINES = 30;

    private final InputStream output;
    private final Path logFile;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private static final int PROBLEM_LINES = 20;

    private final Deque<String> tail = new ArrayDeque<>();
    private final List<String> problems = new ArrayList<>();
    private boolean inProblem;

    BrokerOutput(InputStream output, Path logFile) {
        this.output = output;
        this.logFile = logFile;
    }

    /** Completes when the broker serves clients; fails if it exits before. */
    CompletableFuture<Void> ready() {
        return ready;
    }

    @Override
    public void run() {
        try (var in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                log.flush();
                remember(line);
            }
        } catch (IOException e) {
            // the stream closes when the process is destroyed: the same as its end
        }
        ready.completeExceptionally(new IllegalStateException("Kafka broker exited before it was ready; errors "
                + "it logged:\n" + problems() + "\nlast lines of " + logFile + ":\n" + lastLines()));
    }

    private void remember(String line) {
        if (line.contains(STARTED)) {
            ready.complete(null);
        }
        synchronized (tail) {
            rememberProblem(line);
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    /** Keeps ERROR and FATAL lines with the stack traces under them, which the shutdown's lines would hide. */
    private void rememberProblem(String line) {
        boolean logLine = line.startsWith("[");
        inProblem = logLine ? line.contains("] ERROR ") || line.contains("] FATAL ") : inProblem;
        if (inProblem && problems.size() < PROBLEM_LINES) {
            problems.add(line);
        }
    }

    private String problems() {
        synchronized (tail) {
            return problems.isEmpty() ? "(none)" : String.join("\n", problems);
        }
    }

    private String lastLines() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }
}

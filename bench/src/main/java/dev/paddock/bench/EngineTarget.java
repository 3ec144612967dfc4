package dev.paddock.bench;

import dev.paddock.testing.ProcessMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paddock's engine in a child JVM ({@link EngineLoad}), driven over its stdin/stdout. */
final class EngineTarget implements Target {

    private final String name;
    private final Process process;
    private final BufferedReader in;
    private final PrintWriter out;
    private final List<String> command;
    private final Path log;

    private EngineTarget(String name, Process process, List<String> command, Path log) {
        this.name = name;
        this.process = process;
        this.command = command;
        this.log = log;
        this.in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.out = new PrintWriter(process.outputWriter(StandardCharsets.UTF_8), true);
    }

    /**
     * Starts the child and waits until the model is loaded.
     *
     * @param jvmOptions options for the child JVM (heap, GC, ...)
     * @param engineArgs {@link EngineLoad}'s arguments
     */
    static EngineTarget start(String name, List<String> jvmOptions, List<String> engineArgs, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EngineLoad.class.getName());
        cmd.addAll(engineArgs);
        Process p = Processes.start(new ProcessBuilder(cmd).redirectError(log.toFile()));
        EngineTarget t = new EngineTarget(name, p, cmd, log);
        String ready = t.in.readLine();
        if (ready == null || !ready.startsWith("READY")) {
            t.close();
            throw new IOException("the Paddock engine process did not start (" + ready + "); see " + log);
        }
        return t;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public LevelResult generate(int concurrency, int requests, int maxTokens) throws IOException {
        return ask("gen " + concurrency + " " + requests + " " + maxTokens);
    }

    @Override
    public LevelResult embed(int concurrency, int requests) throws IOException {
        return ask("embed " + concurrency + " " + requests);
    }

    private synchronized LevelResult ask(String command) throws IOException {
        out.println(command);
        String line = in.readLine();
        if (line == null || !line.startsWith("RESULT ")) {
            throw new IOException("Paddock engine process answered '" + line + "' to '" + command + "'; see " + log);
        }
        return LevelResult.fromJson(Json.parse(line.substring("RESULT ".length())));
    }

    @Override
    public long peakRssBytes() {
        return ProcessMemory.peakRssBytes(process.pid());
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String describe() {
        return String.join(" ", command.subList(0, command.indexOf("-cp"))) + " -cp ... "
                + String.join(" ", command.subList(command.indexOf("-cp") + 2, command.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            out.println("quit");
            try {
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Processes.stop(process);
    }
}

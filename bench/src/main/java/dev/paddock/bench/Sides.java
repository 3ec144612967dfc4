package dev.paddock.bench;

import dev.paddock.testing.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Starts the sides of one phase with the same model settings on each (threads, slots, context): Paddock's
 * engine, llama-server, Paddock's server in one process, and Paddock's distributed topology. Temporary folders
 * (configuration, the launcher's HOME) are deleted by {@link #cleanUp()}.
 */
final class Sides {

    private final BenchConfig config;
    private final List<Path> tempDirs = new ArrayList<>();

    Sides(BenchConfig config) {
        this.config = config;
    }

    /** Starts one side. */
    @FunctionalInterface
    interface Starter {
        Target start() throws Exception;
    }

    /** The sides {@code --sides} selects for one phase, in the table's column order, not started yet. */
    List<Starter> starters(boolean gen) {
        List<Starter> starters = new ArrayList<>();
        if (config.sides().contains("paddock")) {
            starters.add(() -> paddock(gen));
        }
        if (config.sides().contains("llama-server")) {
            starters.add(() -> llamaServer(gen));
        }
        if (config.sides().contains("paddock-http")) {
            starters.add(() -> paddockHttp(gen));
        }
        if (config.sides().contains("paddock-dist")) {
            for (int workers : config.distWorkers()) {
                starters.add(() -> distributed(gen, workers));
            }
        }
        return starters;
    }

    /** Starts the given sides; when one fails, stops those already started. */
    static List<Target> start(List<Starter> starters) throws Exception {
        List<Target> targets = new ArrayList<>();
        try {
            for (Starter s : starters) {
                targets.add(s.start());
            }
            return targets;
        } catch (Exception | Error e) {
            targets.forEach(Target::close);
            throw e;
        }
    }

    /** The column name of the distributed side with {@code workers} workers. */
    static String distributedName(int workers) {
        return Bench.PADDOCK_DIST + "-" + workers + "w";
    }

    private Target paddock(boolean gen) throws IOException {
        Path model = gen ? TestModels.stories260K() : TestModels.miniLm();
        List<String> args = List.of("--model", model.toString(), "--mode", gen ? "gen" : "embed", "--threads",
                Integer.toString(config.threads()), "--parallel", Integer.toString(Bench.PARALLEL), "--ctx",
                Integer.toString(gen ? Bench.GEN_CONTEXT : Bench.EMBED_CONTEXT));
        return EngineTarget.start(Bench.PADDOCK, config.childJvm(), args, config.logs().resolve("paddock-"
                + (gen ? "gen" : "emb") + ".log"));
    }

    private Target llamaServer(boolean gen) throws Exception {
        if (config.llamaServer() == null) {
            throw new IllegalArgumentException("--llama-server PATH is required (bench/run.sh passes it)");
        }
        Path model = gen ? TestModels.stories260K() : TestModels.miniLm();
        int perSlot = gen ? Bench.GEN_CONTEXT : Bench.EMBED_CONTEXT;
        String t = Integer.toString(config.threads());
        List<String> cmd = new ArrayList<>(List.of(config.llamaServer().toString(), "-m", model.toString(),
                "-c", Integer.toString(perSlot * Bench.PARALLEL), "-np", Integer.toString(Bench.PARALLEL),
                "--no-kv-unified", "-t", t, "-tb", t, "-b", Integer.toString(Bench.BATCH), "-ub",
                Integer.toString(Bench.BATCH), "--host", "127.0.0.1", "--port", "{port}", "--no-webui"));
        if (!gen) {
            cmd.addAll(List.of("--embeddings", "--pooling", "mean"));
        }
        cmd.addAll(config.llamaServerExtra());
        return HttpTarget.start(Bench.LLAMA_SERVER, cmd, HttpApi.llamaServer(), "/health",
                config.logs().resolve("llama-server-" + (gen ? "gen" : "emb") + ".log"));
    }

    /**
     * Paddock's own server, the packaged Quarkus application, serving both models with the same settings
     * as the other sides (one paddock.yaml in a temporary folder).
     */
    private Target paddockHttp(boolean gen) throws Exception {
        if (config.serverJar() == null || !Files.isRegularFile(config.serverJar())) {
            throw new IllegalArgumentException("--server-jar PATH (server/target/quarkus-app/quarkus-run.jar) is"
                    + " required for the paddock-http side; got " + config.serverJar());
        }
        String name = "paddock-http-" + (gen ? "gen" : "emb");
        Path yaml = paddockYaml(name, Bench.PARALLEL);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(config.serverJvm());
        cmd.addAll(List.of("-Dquarkus.http.port={port}", "-Dquarkus.http.host=127.0.0.1",
                "-Dpaddock.server.config=" + yaml, "-jar", config.serverJar().toString()));
        return HttpTarget.start(Bench.PADDOCK_HTTP, cmd, HttpApi.openAi(Bench.HTTP_GEN_MODEL, Bench.HTTP_EMBED_MODEL),
                "/health/ready", config.logs().resolve(name + ".log"));
    }

    /**
     * {@code ./paddock serve --distributed --workers N} with the same paddock.yaml as the single process, the
     * slots split evenly over the workers (8 in all); each worker runs its engines with --threads threads.
     */
    private Target distributed(boolean gen, int workers) throws Exception {
        if (config.launcher() == null || !Files.isRegularFile(config.launcher())) {
            throw new IllegalArgumentException("--launcher PATH (the repository's paddock script) is required for"
                    + " the paddock-dist side; got " + config.launcher());
        }
        String name = "paddock-dist-" + workers + "w-" + (gen ? "gen" : "emb");
        Path yaml = paddockYaml(name, Bench.PARALLEL / workers);
        Path home = tempDir("paddock-bench-home-");
        DistributedTarget t = DistributedTarget.start(distributedName(workers), config.launcher(), yaml, workers,
                config.serverJvm(), home, config.logs().resolve(name + ".log"));
        Bench.log("%s: gateway %s, %d workers; their logs under %s", t.name(), t.gateway().base(), workers,
                home.resolve(".paddock"));
        return t;
    }

    /** Both models with the benchmark's settings; a copy goes beside the logs. */
    private Path paddockYaml(String name, int parallel) throws IOException {
        Path yaml = tempDir("paddock-bench-").resolve("paddock.yaml");
        String t = Integer.toString(config.threads());
        Files.writeString(yaml, String.join("\n",
                "models:",
                "  - name: " + Bench.HTTP_GEN_MODEL,
                "    task: generate",
                "    source: " + Json.quote(TestModels.stories260K().toAbsolutePath().toString()),
                "    contextSize: " + Bench.GEN_CONTEXT,
                "    parallel: " + parallel,
                "    threads: " + t,
                "    batchSize: " + Bench.BATCH,
                "    maxQueued: 64",
                "  - name: " + Bench.HTTP_EMBED_MODEL,
                "    task: embed",
                "    source: " + Json.quote(TestModels.miniLm().toAbsolutePath().toString()),
                "    contextSize: " + Bench.EMBED_CONTEXT,
                "    parallel: " + parallel,
                "    threads: " + t,
                "    batchSize: " + Bench.BATCH,
                "    maxQueued: 64",
                ""));
        Files.copy(yaml, config.logs().resolve(name + ".yaml"), StandardCopyOption.REPLACE_EXISTING);
        return yaml;
    }

    private Path tempDir(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        tempDirs.add(dir);
        return dir;
    }

    /** Deletes the phase's temporary folders (after its sides were closed). */
    void cleanUp() {
        for (Path dir : tempDirs) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder; nothing to do
            }
        }
        tempDirs.clear();
    }
}

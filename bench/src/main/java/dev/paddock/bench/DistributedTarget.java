package dev.paddock.bench;

import dev.paddock.testing.ProcessMemory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Paddock's distributed topology on this machine, started exactly as a person starts it: {@code ./paddock
 * serve --distributed --workers N} (a real Kafka broker, the gateway process, N worker processes), driven
 * over the gateway's OpenAI API like the Paddock-HTTP side. The launcher runs with {@code HOME} set to a
 * folder of the benchmark's own, so its broker data and logs ({@code ~/.paddock/kafka}, {@code ~/.paddock/logs})
 * start empty and never meet a broker someone else started; the ports are free ones.
 */
final class DistributedTarget implements Target {

    /** How long the launcher gets to stop its workers, gateway and broker before they are killed. */
    private static final int STOP_GRACE_SECONDS = 60;

    private final HttpTarget gateway;
    private final int workers;
    private final Path home;
    private final Path log;

    private DistributedTarget(HttpTarget gateway, int workers, Path home, Path log) {
        this.gateway = gateway;
        this.workers = workers;
        this.home = home;
        this.log = log;
    }

    /**
     * Starts the topology and waits until the gateway and every worker are ready.
     *
     * @param launcher the {@code paddock} script at the repository root
     * @param config the paddock.yaml every process reads (each worker serves all its models)
     * @param home the launcher's HOME (broker data and process logs go under its .paddock)
     * @param log where the launcher's (and the gateway's) output goes; the workers' and the broker's logs are
     *        copied beside it, named after it, when the topology stops
     */
    static DistributedTarget start(String name, Path launcher, Path config, int workers, List<String> jvmOptions,
            Path home, Path log) throws IOException, InterruptedException {
        requireBuilt(launcher);
        List<String> cmd = List.of("bash", launcher.toString(), "serve", "--distributed", "--workers",
                Integer.toString(workers), "--port", "{port}", "--kafka-port", Integer.toString(HttpTarget.freePort()),
                "--config", config.toString());
        String m2 = Path.of(System.getProperty("user.home"), ".m2").toString();
        // HOME is the benchmark's; should the launcher build after all, it uses the real Maven folders
        Map<String, String> env = Map.of("HOME", home.toString(), "MAVEN_USER_HOME", m2,
                "MAVEN_OPTS", "-Dmaven.repo.local=" + m2 + "/repository",
                "PADDOCK_JAVA_OPTS", String.join(" ", jvmOptions),
                "JAVA_HOME", System.getProperty("java.home"));
        HttpTarget gateway;
        try {
            gateway = HttpTarget.start(name, cmd, env, HttpApi.openAi(Bench.HTTP_GEN_MODEL,
                    Bench.HTTP_EMBED_MODEL), "/health/ready", log);
        } catch (IOException | RuntimeException e) {
            // the gateway's log says only that no worker announced a model: keep the workers' and the broker's
            keepLogs(home, log);
            throw e;
        }
        DistributedTarget t = new DistributedTarget(gateway, workers, home, log);
        try {
            for (int i = 1; i <= workers; i++) {
                // the launcher puts worker i on the gateway's port + i
                gateway.awaitHealthy(t.workerBase(i), "/health/ready", log);
            }
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    /**
     * The launcher builds first when a pom.xml or a file under any module's src is newer than its stamp (see
     * {@code needs_build} in the paddock script); the benchmark measures, it does not build, so it says so.
     */
    private static void requireBuilt(Path launcher) throws IOException {
        Path root = launcher.toAbsolutePath().getParent();
        Path stamp = root.resolve("server").resolve("target").resolve(".paddock-build-stamp");
        if (!Files.isRegularFile(stamp)) {
            throw new IllegalStateException(stamp + " is missing: ./paddock would build first; run bench/run.sh"
                    + " without BENCH_SKIP_BUILD=1 once");
        }
        FileTime built = Files.getLastModifiedTime(stamp);
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Optional<Path> newer = newerThan(module.resolve("src"), built).or(() -> newerThan(module.resolve(
                        "pom.xml"), built)).or(() -> newerThan(root.resolve("pom.xml"), built));
                if (newer.isPresent()) {
                    throw new IllegalStateException(newer.get() + " changed after the server's build stamp: ./paddock"
                            + " would build before it starts; run bench/run.sh without BENCH_SKIP_BUILD=1");
                }
            }
        }
    }

    private static Optional<Path> newerThan(Path path, FileTime time) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).filter(f -> modified(f).compareTo(time) > 0).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Worker {@code i}'s own HTTP address (health, metrics), 1-based. */
    URI workerBase(int i) {
        return URI.create("http://127.0.0.1:" + (gateway.base().getPort() + i) + "/");
    }

    int workers() {
        return workers;
    }

    /** The gateway's API (the load goes there). */
    HttpTarget gateway() {
        return gateway;
    }


    @Override
    public String name() {
        return gateway.name();
    }

    @Override
    public LevelResult generate(int concurrency, int requests, int maxTokens) throws InterruptedException {
        return gateway.generate(concurrency, requests, maxTokens);
    }

    @Override
    public LevelResult embed(int concurrency, int requests) throws InterruptedException {
        return gateway.embed(concurrency, requests);
    }

    /** The sum of the peak RSS of every process of the topology (gateway, workers, broker, launchers). */
    @Override
    public long peakRssBytes() {
        return processes().mapToLong(p -> ProcessMemory.peakRssBytes(p.pid())).sum();
    }

    @Override
    public long rssBytes() {
        return processes().mapToLong(p -> ProcessMemory.rssBytes(p.pid())).sum();
    }

    /** Each process's command (shortened) and peak RSS, for the log. */
    List<String> peakRssByProcess() {
        List<String> out = new ArrayList<>();
        processes().forEach(p -> out.add(String.format(Locale.ROOT, "%s %.1f MB",
                shortCommand(p), ProcessMemory.peakRssBytes(p.pid()) / 1048576.0)));
        return out;
    }

    private static String shortCommand(ProcessHandle p) {
        String[] args = p.info().arguments().orElse(new String[0]);
        for (String a : args) {
            if (a.startsWith("-Dpaddock.distributed.role=")) {
                return a.substring(a.indexOf('=') + 1) + Stream.of(args).filter(x -> x.startsWith(
                        "-Dpaddock.distributed.worker-id=")).map(x -> " " + x.substring(x.indexOf('=') + 1))
                        .findFirst().orElse("");
            }
            if (a.endsWith("KafkaBrokerMain") || a.endsWith("BrokerProcessMain")) {
                return a.substring(a.lastIndexOf('.') + 1);
            }
        }
        return p.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?") + " " + p.pid();
    }

    /**
     * The launcher, what it started, and the broker with its launcher JVM: kafka.sh starts the broker in the
     * background and exits, so the broker is no descendant of the launcher; kafka.sh keeps its pid in
     * {@code ~/.paddock/kafka/kafka.pid}.
     */
    private Stream<ProcessHandle> processes() {
        Process launcher = gateway.process();
        Stream<ProcessHandle> broker = brokerPid().flatMap(ProcessHandle::of)
                .map(b -> Stream.concat(Stream.of(b), b.descendants())).orElse(Stream.empty());
        return Stream.of(Stream.of(launcher.toHandle()), launcher.descendants(), broker).flatMap(x -> x)
                .filter(ProcessHandle::isAlive).distinct();
    }

    private Optional<Long> brokerPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(home.resolve(".paddock").resolve("kafka")
                    .resolve("kafka.pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public long pid() {
        return gateway.pid();
    }

    @Override
    public List<Long> pids() {
        return processes().map(ProcessHandle::pid).toList();
    }

    @Override
    public String describe() {
        return gateway.describe();
    }

    @Override
    public void close() {
        Processes.stop(gateway.process(), STOP_GRACE_SECONDS);
        keepLogs(home, log);
    }

    /** Copies the workers' logs and the broker's next to {@code log}, named after it. */
    private static void keepLogs(Path home, Path log) {
        String prefix = log.getFileName().toString().replaceFirst("\\.log$", "");
        Path paddock = home.resolve(".paddock");
        try (Stream<Path> logs = Stream.concat(list(paddock.resolve("logs")), Stream.of(paddock.resolve("kafka")
                .resolve("broker.log")))) {
            logs.filter(Files::isRegularFile).forEach(f -> copyQuietly(f, log.resolveSibling(prefix + "-"
                    + f.getFileName())));
        }
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static void copyQuietly(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Bench.log("could not keep %s: %s", from, e.getMessage());
        }
    }
}

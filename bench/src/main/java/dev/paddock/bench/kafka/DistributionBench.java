package dev.paddock.bench.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.paddock.bench.Args;
import dev.paddock.testing.kafka.KafkaBroker;

/**
 * How evenly Kafka spreads a model's records over workers: classic consumer group against share group, on a
 * real broker, with records of very different processing times. Processing is simulated with a timer: what is
 * measured is Kafka's work distribution, not the engine. Run with {@code bench/kafka-distribution.sh}.
 */
public final class DistributionBench {

    private static final String HEADER = "| mode | workers | slots | partitions | wait p50 ms | wait p95 ms | wait max ms "
            + "| idle worker while records wait (s) | free slot-s while records wait | makespan s | duplicates |";

    private DistributionBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Workload workload = new Workload(args.getInt("records", 300), args.getInt("fast-ms", 50),
                args.getInt("slow-ms", 1000), args.getInt("slow-every", 10),
                Double.parseDouble(args.get("load", "0.7")));
        int slots = args.getInt("slots", 4);
        List<Mode> modes = Arrays.stream(args.get("modes", "classic,share").split(","))
                .map(m -> Mode.valueOf(m.strip().toUpperCase(Locale.ROOT))).toList();
        int[] workerCounts = Arrays.stream(args.get("workers", "2,3").split(",")).mapToInt(Integer::parseInt).toArray();
        Path out = Path.of(args.get("out", "bench/target/kafka-distribution"));
        long seed = args.getInt("seed", 42);
        List<String> rows = run(workload, slots, modes, workerCounts, args.get("partitions", "1,N,2N"), seed, out);
        report(workload, slots, seed, rows, out);
    }

    private static List<String> run(Workload workload, int slots, List<Mode> modes, int[] workerCounts,
            String partitionSpec, long seed, Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        System.out.println(HEADER);
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        try (KafkaBroker broker = KafkaBroker.start(freshDir(out.resolve("broker")))) {
            Run run = new Run(broker.bootstrapServers(), workload);
            for (int workers : workerCounts) {
                for (int partitions : partitions(partitionSpec, workers)) {
                    for (Mode mode : modes) {
                        Figures f = run.measure(mode, workers, slots, partitions, seed);
                        String row = row(mode, workers, slots, partitions, f);
                        System.out.println(row);
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    private static int[] partitions(String spec, int workers) {
        return Arrays.stream(spec.split(",")).map(String::strip)
                .mapToInt(p -> p.equals("N") ? workers : p.equals("2N") ? 2 * workers : Integer.parseInt(p))
                .toArray();
    }

    private static String row(Mode mode, int workers, int slots, int partitions, Figures f) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %d | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %d |",
                mode.name().toLowerCase(Locale.ROOT), workers, slots, partitions, f.waitP50Ms(), f.waitP95Ms(),
                f.waitMaxMs(), f.idleWorkerWhileWaitingMs() / 1000, f.freeSlotWhileWaitingS(), f.makespanS(),
                f.duplicates());
    }

    private static void report(Workload workload, int slots, long seed, List<String> rows, Path out)
            throws IOException {
        String text = "Workload: " + workload + ", seed " + seed + ", " + slots + " slots per worker, broker "
                + "single-node KRaft on 127.0.0.1\n\n" + HEADER + "\n|---|---|---|---|---|---|---|---|---|---|---|\n"
                + String.join("\n", rows) + "\n";
        Files.createDirectories(out);
        Path file = out.resolve("results-seed" + seed + ".md");
        Files.writeString(file, text);
        System.out.println("\nwritten to " + file);
    }

    private static Path freshDir(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}

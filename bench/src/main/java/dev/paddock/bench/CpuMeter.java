package dev.paddock.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How busy the machine is with work that is not the benchmark's: all CPU time (including steal)
 * minus the CPU time of the processes under test and of this harness, from /proc. The machines this
 * runs on are shared; a level that ran while something else was busy is run again.
 */
final class CpuMeter {

    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    /** A reading: machine busy and total jiffies, and the jiffies of our processes. */
    record Snapshot(long busy, long total, long ours) {
    }

    private CpuMeter() {
    }

    static Snapshot now(List<Long> pids) {
        long[] sys = system();
        long ours = 0;
        for (long pid : pids) {
            ours += process(pid);
        }
        return new Snapshot(sys[0], sys[1], ours);
    }

    /** Cores' worth of CPU used by others between two readings (0 = the machine was ours alone). */
    static double foreignCores(Snapshot a, Snapshot b) {
        long total = b.total - a.total;
        if (total <= 0) {
            return 0;
        }
        long foreign = Math.max(0, (b.busy - a.busy) - (b.ours - a.ours));
        return (double) foreign / total * CPUS;
    }

    /** Waits (at most {@code maxMillis}) for a {@code windowMillis} window in which others used less than {@code cores}. */
    static double awaitQuiet(List<Long> pids, double cores, long windowMillis, long maxMillis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        double f;
        do {
            Snapshot a = now(pids);
            Thread.sleep(windowMillis);
            f = foreignCores(a, now(pids));
        } while (f >= cores && System.currentTimeMillis() < deadline);
        return f;
    }

    private static long[] system() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
            long user = l(f, 1), nice = l(f, 2), system = l(f, 3), idle = l(f, 4), iowait = l(f, 5);
            long irq = l(f, 6), softirq = l(f, 7), steal = l(f, 8);
            long busy = user + nice + system + irq + softirq + steal;
            return new long[] { busy, busy + idle + iowait };
        } catch (IOException | RuntimeException e) {
            return new long[] { 0, 0 };
        }
    }

    private static long process(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long l(String[] f, int i) {
        return i < f.length ? Long.parseLong(f[i]) : 0;
    }
}

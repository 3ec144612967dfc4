package dev.paddock.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, from /proc (Linux). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** This JVM's resident set size in bytes. */
    public static long rssBytes() {
        return rssBytes(ProcessHandle.current().pid());
    }

    /** A process's resident set size in bytes (VmRSS). */
    public static long rssBytes(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** A process's peak resident set size in bytes (VmHWM). */
    public static long peakRssBytes(long pid) {
        return statusField(pid, "VmHWM:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip()) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }
}

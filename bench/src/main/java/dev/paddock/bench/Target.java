package dev.paddock.bench;

import java.util.List;

/**
 * One column of the table for one model: a server (or engine) process that the same load is driven
 * against. Implementations: {@link EngineTarget} (Paddock's engine in a child JVM), {@link HttpTarget}
 * (anything with an HTTP API: llama-server, Paddock's own OpenAI-compatible server) and
 * {@link DistributedTarget} (Paddock's distributed topology: broker, gateway and workers).
 */
interface Target extends AutoCloseable {

    /** The column's name. */
    String name();

    /** Runs one streaming-generation level: every request generates {@code maxTokens} tokens. */
    LevelResult generate(int concurrency, int requests, int maxTokens) throws Exception;

    /** Runs one embedding level: one short sentence per request. */
    LevelResult embed(int concurrency, int requests) throws Exception;

    /** Peak resident set size (VmHWM) of the serving process so far, in bytes. */
    long peakRssBytes();

    /** Resident set size (VmRSS) of the serving process now, in bytes. */
    default long rssBytes() {
        return dev.paddock.testing.ProcessMemory.rssBytes(pid());
    }

    /** The serving process's id (for its CPU time and memory). */
    long pid();

    /** Every process that serves (one, unless the side is several processes): their CPU time is not noise. */
    default List<Long> pids() {
        return List.of(pid());
    }

    /** How it was started, for the report. */
    String describe();

    @Override
    void close();
}

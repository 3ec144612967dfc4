package dev.paddock.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The flood test of one Paddock server: interactive requests one at a time on an idle server, then the same
 * while {@code floodClients} closed-loop clients send {@code batch} requests ({@code x-paddock-priority:
 * batch}) without pause: more than the slots, so that every slot is busy and batch work is queued too. The
 * figure is the interactive TTFT p95 under the flood over the one without.
 */
final class Flood {

    static final String BATCH_HEADER = "x-paddock-priority: batch\r\n";
    /** How long the flood may take to reach steady state (each client one answer) before measuring. */
    private static final long RAMP_TIMEOUT_NANOS = TimeUnit.MINUTES.toNanos(2);

    /**
     * One repetition.
     *
     * @param unloaded interactive requests with nothing else running
     * @param batchAlone the same requests as batch, one at a time with nothing else running (how long batch
     *        work waits for an idle server)
     * @param flooded the same requests during the flood
     * @param batchTokensPerSecond tokens of the batch requests that finished while the flooded requests ran,
     *        per second of that stretch
     * @param batchRequests batch requests that finished in that stretch
     * @param batchErrors batch requests that failed during the whole flood
     * @param firstBatchError the first batch failure, or ""
     * @param queueMs the mean of the gateway's paddock_queue_time_seconds for interactive requests during the
     *        flood (distributed only, else NaN)
     * @param otherCores other processes' CPU use during the flooded stretch (cores)
     */
    record Result(LevelResult unloaded, LevelResult batchAlone, LevelResult flooded, double batchTokensPerSecond,
            int batchRequests, int batchErrors, String firstBatchError, double queueMs, double otherCores) {

        double ratioP95() {
            return flooded.ttftP95() / unloaded.ttftP95();
        }
    }

    private final HttpTarget server;
    private final int tokens;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong batchTokens = new AtomicLong();
    private final AtomicInteger batchDone = new AtomicInteger();
    private final AtomicInteger batchErrors = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>("");

    private Flood(HttpTarget server, int tokens) {
        this.server = server;
        this.tokens = tokens;
    }

    /**
     * Runs one repetition against {@code server} (the Paddock HTTP API: the single process, or the gateway of
     * the distributed topology); {@code pids} are the processes under test (their CPU time is not noise).
     */
    static Result run(HttpTarget server, List<Long> pids, int requests, int floodClients, int tokens)
            throws InterruptedException {
        return new Flood(server, tokens).measure(pids, requests, floodClients);
    }

    private Result measure(List<Long> pids, int requests, int floodClients) throws InterruptedException {
        CpuMeter.awaitQuiet(pids, 0.3, 300, 30_000);
        LevelResult unloaded = interactive(requests);
        LevelResult batchAlone = LoadRunner.run("gen", 1, requests, i -> server.generateOne(i, tokens, BATCH_HEADER));
        List<Thread> clients = startFlood(floodClients);
        try {
            awaitSteadyState(floodClients);
            ServerMetrics.Reading queueBefore = ServerMetrics.read(server, ServerMetrics.QUEUE_TIME,
                    "class=\"interactive\"");
            long tokensBefore = batchTokens.get();
            int doneBefore = batchDone.get();
            CpuMeter.Snapshot a = CpuMeter.now(pids);
            LevelResult flooded = interactive(requests);
            double others = CpuMeter.foreignCores(a, CpuMeter.now(pids));
            double batchRate = (batchTokens.get() - tokensBefore) / (flooded.wallNanos() / 1e9);
            double queueMs = ServerMetrics.read(server, ServerMetrics.QUEUE_TIME, "class=\"interactive\"")
                    .meanMsSince(queueBefore);
            return new Result(unloaded, batchAlone, flooded, batchRate, batchDone.get() - doneBefore,
                    batchErrors.get(), firstError.get(), queueMs, others);
        } finally {
            stop.set(true);
            for (Thread t : clients) {
                t.join();
            }
        }
    }

    private LevelResult interactive(int requests) throws InterruptedException {
        return LoadRunner.run("gen", 1, requests, i -> server.generateOne(i, tokens, ""));
    }

    private List<Thread> startFlood(int floodClients) {
        List<Thread> clients = new ArrayList<>();
        AtomicInteger index = new AtomicInteger(1_000_000);
        for (int c = 0; c < floodClients; c++) {
            clients.add(Thread.ofPlatform().name("bench-flood-" + c).daemon().start(() -> {
                while (!stop.get()) {
                    batchOne(index.getAndIncrement());
                }
            }));
        }
        return clients;
    }

    private void batchOne(int index) {
        Sample s;
        try {
            s = server.generateOne(index, tokens, BATCH_HEADER);
        } catch (Exception e) {
            s = Sample.failed(0, e.toString());
        }
        if (s.error() != null) {
            batchErrors.incrementAndGet();
            firstError.compareAndSet("", s.error());
            return;
        }
        batchTokens.addAndGet(s.tokens());
        batchDone.incrementAndGet();
    }

    /** Waits until the flood has turned every client over once (so the slots and the queue are full). */
    private void awaitSteadyState(int floodClients) throws InterruptedException {
        long deadline = System.nanoTime() + RAMP_TIMEOUT_NANOS;
        while (batchDone.get() + batchErrors.get() < floodClients) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the batch flood did not get " + floodClients + " answers in 2 minutes"
                        + " (errors: " + batchErrors.get() + ", first: " + firstError.get() + ")");
            }
            Thread.sleep(20);
        }
        if (batchErrors.get() > 0) {
            throw new IllegalStateException("batch requests of the flood failed: " + batchErrors.get() + ", first: "
                    + firstError.get());
        }
    }
}

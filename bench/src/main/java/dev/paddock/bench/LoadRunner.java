package dev.paddock.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load: {@code concurrency} clients, each sending its next request as soon as its last
 * one is answered, until {@code requests} have been sent. The level's wall time runs from the first
 * request to the last answer. Used on both sides: in the Paddock child against the engine, in the
 * orchestrator against HTTP servers.
 */
final class LoadRunner {

    /** One request, blocking until it is fully answered. */
    @FunctionalInterface
    interface Request {
        Sample call(int index) throws Exception;
    }

    private LoadRunner() {
    }

    static LevelResult run(String workload, int concurrency, int requests, Request request) throws InterruptedException {
        Sample[] samples = new Sample[requests];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>(concurrency);
        for (int c = 0; c < concurrency; c++) {
            clients.add(Thread.ofPlatform().name("bench-client-" + c).daemon().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        samples[i] = request.call(i);
                    } catch (Exception e) {
                        samples[i] = Sample.failed(System.nanoTime() - t0, e.toString());
                    }
                }
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread t : clients) {
            t.join();
        }
        long wall = System.nanoTime() - t0;
        return LevelResult.of(workload, concurrency, wall, Arrays.asList(samples));
    }
}

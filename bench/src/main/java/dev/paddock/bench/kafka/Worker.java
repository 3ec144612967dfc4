package dev.paddock.bench.kafka;

/** One simulated worker: takes a record only when one of its slots is free, "processes" it for its time. */
interface Worker extends AutoCloseable {

    /** Starts consuming. */
    void start();

    /** Stops consuming and leaves the group. */
    @Override
    void close() throws InterruptedException;

    /** A record's value: its number and its processing time. */
    static int[] parse(String value) {
        int colon = value.indexOf(':');
        return new int[] {Integer.parseInt(value.substring(0, colon)), Integer.parseInt(value.substring(colon + 1))};
    }
}

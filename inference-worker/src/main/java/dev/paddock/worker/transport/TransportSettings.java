package dev.paddock.worker.transport;

import java.time.Duration;

/**
 * Settings of the worker's distributed transport.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param workerId this worker's id in announcements and on reply streams
 * @param partitions partitions of each requests topic the worker creates (at least the number of workers
 *        of a model, so that each gets a share)
 * @param sessionTimeout how long the group waits for a worker that stopped heartbeating before it gives
 *        its partitions to the others
 * @param announceEvery how often the worker announces its models on {@code paddock.models}
 */
public record TransportSettings(String bootstrapServers, String workerId, int partitions, Duration sessionTimeout,
        Duration announceEvery) {
}

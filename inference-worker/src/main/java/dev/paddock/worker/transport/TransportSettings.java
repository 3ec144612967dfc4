package dev.paddock.worker.transport;

import java.time.Duration;

/**
 * Settings of the worker's distributed transport.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param workerId this worker's id in announcements and on reply streams
 * @param partitions partitions of each requests topic the worker creates when it is missing (1 is best for
 *        a share group: every slot of every worker then competes for the next record)
 * @param sessionTimeout how long the share group waits for a worker that stopped heartbeating before the
 *        records it held become available to the others (group config {@code share.session.timeout.ms})
 * @param recordLock how long a taken record stays locked to its slot (group config
 *        {@code share.record.lock.duration.ms}); keep it at least the longest request deadline, or a request
 *        still running when its lock expires is delivered again (the duplicate is refused, but wastes a slot)
 * @param announceEvery how often the worker announces its models on {@code paddock.models}
 * @param batchStreamInterval how long the chunks of a batch-class generation are gathered into one before they
 *        are sent (the first goes at once; zero sends each as it comes, as for interactive requests)
 */
public record TransportSettings(String bootstrapServers, String workerId, int partitions, Duration sessionTimeout,
        Duration recordLock, Duration announceEvery, Duration batchStreamInterval) {
}

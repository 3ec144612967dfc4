package dev.paddock.manager.kafka;

import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;

/**
 * Records of one partition a share group has not acknowledged or archived yet (available, or acquired by a
 * worker that runs them).
 *
 * <p>The broker's own lag (KIP-1226, Kafka 4.2+) is the answer: it subtracts the records the group finished
 * above its start offset. The start offset alone is not: the share-partition leader writes each
 * acknowledgement to the share coordinator with the start offset it had <em>before</em> that acknowledgement,
 * and moves it past the acknowledged records only in memory once the write succeeded; the persisted start
 * offset, all a 4.1 Admin client gets, therefore stays behind the records acknowledged last until the next
 * acknowledgement (measured: three records accepted, end offset 3, start offset 2, broker lag 0). On a broker
 * that reports no lag the end offset minus that start offset is the best figure there is, an overcount.
 */
final class ShareBacklog {

    private ShareBacklog() {
    }

    /**
     * @param info the share group's state of the partition; null when the group has none (no worker joined,
     *     or none fetched from the partition yet)
     * @param logStart the partition's earliest offset
     * @param end the partition's end offset
     */
    static long records(SharePartitionOffsetInfo info, long logStart, long end) {
        if (info == null || info.startOffset() < 0) {
            // the workers' groups start at the earliest record: every record in the log waits for them
            return Math.max(0, end - logStart);
        }
        if (info.lag().isPresent()) {
            return Math.max(0, info.lag().get());
        }
        return Math.max(0, end - Math.max(logStart, info.startOffset()));
    }
}

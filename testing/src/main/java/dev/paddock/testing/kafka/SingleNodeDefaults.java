package dev.paddock.testing.kafka;

import java.util.Map;

/**
 * Broker properties for one node on one machine: replication factor 1 for every internal topic, one partition
 * for the internal topics (50 by default, which only slows the start), no rebalance delay, and minimum group
 * timeouts lowered to 1 s so tests and the local mode can ask for fast failure detection per group or per
 * consumer (the defaults a group gets are unchanged), and the longest share record lock raised to 1 h so a share
 group may lock a record for as long as a request may run.
 */
final class SingleNodeDefaults {

    static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("num.partitions", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.num.partitions", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("group.min.session.timeout.ms", "1000"),
            Map.entry("group.consumer.min.session.timeout.ms", "1000"),
            Map.entry("group.consumer.min.heartbeat.interval.ms", "500"),
            Map.entry("group.share.min.session.timeout.ms", "1000"),
            Map.entry("group.share.min.heartbeat.interval.ms", "500"),
            Map.entry("group.share.min.record.lock.duration.ms", "1000"),
            Map.entry("group.share.max.record.lock.duration.ms", "3600000"),
            Map.entry("auto.create.topics.enable", "true"));

    private SingleNodeDefaults() {
    }
}

package dev.paddock.manager.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.clients.admin.SharePartitionOffsetInfo;
import org.junit.jupiter.api.Test;

/** One partition's backlog from what the broker answers (the broker's own answers are in ShareGroupDepthTest). */
class ShareBacklogTest {

    @Test
    void partitionWithoutShareStateCountsEveryRecordStillInTheLog() {
        assertThat(ShareBacklog.records(null, 4, 10)).isEqualTo(6);
        assertThat(ShareBacklog.records(new SharePartitionOffsetInfo(-1, Optional.empty(), Optional.empty()), 0, 3))
                .isEqualTo(3);
    }

    @Test
    void brokersLagIsTheBacklogWhereTheBrokerReportsOne() {
        assertThat(ShareBacklog.records(new SharePartitionOffsetInfo(2, Optional.of(0), Optional.of(0L)), 0, 3))
                .isZero();
    }

    @Test
    void brokerWithoutLagGivesEndMinusTheLaterOfStartOffsetAndLogStart() {
        assertThat(ShareBacklog.records(new SharePartitionOffsetInfo(2, Optional.of(0), Optional.empty()), 0, 3))
                .isEqualTo(1);
        assertThat(ShareBacklog.records(new SharePartitionOffsetInfo(2, Optional.of(0), Optional.empty()), 5, 7))
                .isEqualTo(2);
    }
}

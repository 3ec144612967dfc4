package dev.paddock.bench.kafka;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.GroupState;

/** The two ways workers can share a model's records. */
enum Mode {
    /** A classic consumer group: partitions are assigned to workers. */
    CLASSIC {
        @Override
        Worker worker(int index, int slots, String bootstrap, String group, String topic, Timeline timeline,
                ScheduledExecutorService timer) {
            return new ClassicWorker(index, slots, ClassicWorker.settings(bootstrap, group), topic, timeline, timer);
        }

        @Override
        boolean ready(Admin admin, String group, int members, int partitions)
                throws ExecutionException, InterruptedException {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            int assigned = d.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
            return d.groupState() == GroupState.STABLE && d.members().size() == members && assigned == partitions;
        }
    },
    /** A share group (KIP-932): any member may take any record; locks per record. */
    SHARE {
        @Override
        Worker worker(int index, int slots, String bootstrap, String group, String topic, Timeline timeline,
                ScheduledExecutorService timer) {
            return new ShareWorker(index, slots, ShareWorker.settings(bootstrap, group), topic, timeline);
        }

        @Override
        boolean ready(Admin admin, String group, int members, int partitions)
                throws ExecutionException, InterruptedException {
            ShareGroupDescription d = admin.describeShareGroups(List.of(group)).all().get().get(group);
            Collection<?> all = d.members();
            boolean everyoneAssigned = d.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
            return d.groupState() == GroupState.STABLE && all.size() == members && everyoneAssigned;
        }
    };

    abstract Worker worker(int index, int slots, String bootstrap, String group, String topic, Timeline timeline,
            ScheduledExecutorService timer);

    /** Whether the group has every member and every partition assigned, so a run can begin. */
    abstract boolean ready(Admin admin, String group, int members, int partitions)
            throws ExecutionException, InterruptedException;

    /** Group members per worker: one consumer per worker, or one per slot. */
    int membersPerWorker(int slots) {
        return this == CLASSIC ? 1 : slots;
    }
}

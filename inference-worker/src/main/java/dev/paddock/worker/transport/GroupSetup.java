package dev.paddock.worker.transport;

import dev.paddock.api.inference.v1.Priority;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.jboss.logging.Logger;

/**
 * Sets the configs of a model's share groups (group configs, {@code ConfigResource.Type.GROUP}): start at the
 * earliest record (records sent before the first worker joined are served), lock a record for as long as a
 * request may run, release a dead worker's records after the session timeout, and archive a record that
 * was delivered {@value #DELIVERY_LIMIT} times (one that kills every worker it reaches). A value the broker
 * refuses (outside its {@code group.share.min/max.*} bounds) is logged and left at the broker's default.
 */
final class GroupSetup {

    /** Deliveries after which the broker archives a record instead of handing it out again. */
    static final int DELIVERY_LIMIT = 3;

    private static final Logger LOG = Logger.getLogger(GroupSetup.class);

    private GroupSetup() {
    }

    static void configure(Admin admin, TransportSettings settings, List<String> models) {
        Map<ConfigResource, Collection<AlterConfigOp>> all = new LinkedHashMap<>();
        for (String model : models) {
            for (Priority p : Priority.values()) {
                all.put(new ConfigResource(ConfigResource.Type.GROUP, ShareConsumers.group(model, p)),
                        configs(settings).entrySet().stream().map(e -> set(e.getKey(), e.getValue())).toList());
            }
        }
        // one round trip for every group; only when the broker refuses something, value by value to see what
        if (!alter(admin, all, null)) {
            all.forEach((group, ops) -> ops.forEach(op -> alter(admin, Map.of(group, List.of(op)), group)));
        }
    }

    static Map<String, String> configs(TransportSettings settings) {
        long session = settings.sessionTimeout().toMillis();
        Map<String, String> c = new LinkedHashMap<>();
        c.put("share.auto.offset.reset", "earliest");
        c.put("share.record.lock.duration.ms", Long.toString(settings.recordLock().toMillis()));
        // the heartbeat first: the broker wants the session timeout above it at every step
        c.put("share.heartbeat.interval.ms", Long.toString(Math.max(500, session / 3)));
        c.put("share.session.timeout.ms", Long.toString(session));
        c.put("share.delivery.count.limit", Integer.toString(DELIVERY_LIMIT));
        return c;
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }

    /** Applies the changes; false when the broker refused one (logged when {@code group} is given). */
    private static boolean alter(Admin admin, Map<ConfigResource, Collection<AlterConfigOp>> changes,
            ConfigResource group) {
        try {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (group != null) {
                LOG.warnf("share group %s: the broker refused %s (%s); it keeps its default", group.name(),
                        changes.get(group), e.getCause().getMessage());
            }
            return false;
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s when configuring share groups", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring share groups", e);
        }
    }
}

package dev.paddock.eval.schedule;

import dev.paddock.eval.run.EvaluationDefinition;
import dev.paddock.eval.run.EvaluationRuns;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts each scheduled evaluation's runs at the times its cron expression names (in the system time
 * zone). A run still in progress at the next time is not started twice.
 */
@ApplicationScoped
public class RunScheduler {

    private static final Logger LOG = Logger.getLogger(RunScheduler.class);

    @Inject
    EvaluationRuns runs;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("paddock-eval-scheduler").daemon().factory());
    private final Map<String, ScheduledFuture<?>> next = new ConcurrentHashMap<>();
    private final Map<String, ZonedDateTime> due = new ConcurrentHashMap<>();

    /** Defines the evaluation and, when it has a schedule, (re)schedules it; without one any timer is cancelled. */
    public void define(EvaluationDefinition def) {
        runs.define(def);
        cancel(def.name());
        if (def.spec().schedule != null) {
            scheduleNext(def.name(), CronSchedule.parse(def.spec().schedule));
        }
    }

    /** Stops scheduling and forgets the evaluation. */
    public void remove(String name) {
        cancel(name);
        runs.remove(name);
    }

    /** When the evaluation's next scheduled run is due. */
    public Optional<ZonedDateTime> nextRun(String name) {
        return Optional.ofNullable(due.get(name));
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    private void scheduleNext(String name, CronSchedule cron) {
        Optional<ZonedDateTime> at = cron.next(ZonedDateTime.now(ZoneId.systemDefault()));
        if (at.isEmpty()) {
            due.remove(name);
            return;
        }
        due.put(name, at.get());
        long delay = Math.max(0, Duration.between(ZonedDateTime.now(), at.get()).toMillis());
        next.put(name, timer.schedule(() -> fire(name, cron), delay, TimeUnit.MILLISECONDS));
    }

    private void fire(String name, CronSchedule cron) {
        if (runs.find(name).isEmpty()) {
            return;
        }
        if (runs.isRunning(name)) {
            LOG.infof("evaluation %s: the previous run is still going; skipping this time", name);
        } else {
            runs.start(name);
        }
        scheduleNext(name, cron);
    }

    private void cancel(String name) {
        ScheduledFuture<?> f = next.remove(name);
        if (f != null) {
            f.cancel(false);
        }
        due.remove(name);
    }
}

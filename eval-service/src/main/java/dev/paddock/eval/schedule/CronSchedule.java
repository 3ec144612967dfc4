package dev.paddock.eval.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A cron schedule: 5 fields (Unix: minute hour day-of-month month day-of-week) or 6 with seconds
 * first (as Spring writes them), evaluated in the given time zone.
 */
public final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SECONDS = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    private final ExecutionTime times;

    private CronSchedule(ExecutionTime times) {
        this.times = times;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with what is wrong
     */
    public static CronSchedule parse(String expression) {
        String e = expression.trim();
        CronParser parser = e.split("\\s+").length == 6 ? SECONDS : UNIX;
        return new CronSchedule(ExecutionTime.forCron(parser.parse(e)));
    }

    /** The first time after {@code after}, if the schedule ever fires again. */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        return times.nextExecution(after);
    }
}

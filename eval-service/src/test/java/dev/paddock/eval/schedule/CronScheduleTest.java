package dev.paddock.eval.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static final ZonedDateTime MONDAY_NOON = ZonedDateTime.of(2026, 11, 30, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void fiveFieldsAreUnixCron() {
        assertThat(CronSchedule.parse("0 3 * * *").next(MONDAY_NOON))
                .contains(ZonedDateTime.of(2026, 12, 1, 3, 0, 0, 0, ZoneOffset.UTC));
        assertThat(CronSchedule.parse("30 9 * * SAT").next(MONDAY_NOON))
                .contains(ZonedDateTime.of(2026, 12, 5, 9, 30, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void sixFieldsStartWithSeconds() {
        assertThat(CronSchedule.parse("*/5 * * * * *").next(MONDAY_NOON.plusSeconds(1)))
                .contains(MONDAY_NOON.plusSeconds(5));
    }

    @Test
    void malformedExpressionsAreRefused() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *")).isInstanceOf(IllegalArgumentException.class);
    }
}

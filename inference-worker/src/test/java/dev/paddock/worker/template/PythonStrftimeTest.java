package dev.paddock.worker.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PythonStrftime} against Python 3.11's {@code datetime.strftime} (glibc, C locale). */
class PythonStrftimeTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formats")
    void formatsLikePython(String time, String format, String python) {
        assertThat(PythonStrftime.format(LocalDateTime.parse(time), format)).isEqualTo(python);
    }

    static Stream<Arguments> formats() {
        return Stream.of(
            arguments("2025-03-14T09:26:53", "%d %b %Y", "14 Mar 2025"),
            arguments("2025-03-14T09:26:53", "%Y-%m-%d", "2025-03-14"),
            arguments("2025-03-14T09:26:53", "%A, %B %-d, %Y", "Friday, March 14, 2025"),
            arguments("2025-03-14T09:26:53", "%H:%M:%S %p %I", "09:26:53 AM 09"),
            arguments("2025-03-14T09:26:53", "%a %j %U %W %w %u %V %G %y", "Fri 073 10 10 5 5 11 2025 25"),
            arguments("2025-03-14T09:26:53", "%c|%x|%X", "Fri Mar 14 09:26:53 2025|03/14/25|09:26:53"),
            arguments("2025-03-14T09:26:53", "%e|%-m/%-d|%%|%Q", "14|3/14|%|%Q"),
            arguments("2025-03-14T09:26:53", "Today is %d.%m.", "Today is 14.03."),
            arguments("2024-01-01T00:05:00", "%d %b %Y", "01 Jan 2024"),
            arguments("2024-01-01T00:05:00", "%Y-%m-%d", "2024-01-01"),
            arguments("2024-01-01T00:05:00", "%A, %B %-d, %Y", "Monday, January 1, 2024"),
            arguments("2024-01-01T00:05:00", "%H:%M:%S %p %I", "00:05:00 AM 12"),
            arguments("2024-01-01T00:05:00", "%a %j %U %W %w %u %V %G %y", "Mon 001 00 01 1 1 01 2024 24"),
            arguments("2024-01-01T00:05:00", "%c|%x|%X", "Mon Jan  1 00:05:00 2024|01/01/24|00:05:00"),
            arguments("2024-01-01T00:05:00", "%e|%-m/%-d|%%|%Q", " 1|1/1|%|%Q"),
            arguments("2024-01-01T00:05:00", "Today is %d.%m.", "Today is 01.01."),
            arguments("2021-01-03T23:59:59", "%d %b %Y", "03 Jan 2021"),
            arguments("2021-01-03T23:59:59", "%Y-%m-%d", "2021-01-03"),
            arguments("2021-01-03T23:59:59", "%A, %B %-d, %Y", "Sunday, January 3, 2021"),
            arguments("2021-01-03T23:59:59", "%H:%M:%S %p %I", "23:59:59 PM 11"),
            arguments("2021-01-03T23:59:59", "%a %j %U %W %w %u %V %G %y", "Sun 003 01 00 0 7 53 2020 21"),
            arguments("2021-01-03T23:59:59", "%c|%x|%X", "Sun Jan  3 23:59:59 2021|01/03/21|23:59:59"),
            arguments("2021-01-03T23:59:59", "%e|%-m/%-d|%%|%Q", " 3|1/3|%|%Q"),
            arguments("2021-01-03T23:59:59", "Today is %d.%m.", "Today is 03.01."),
            arguments("2024-12-30T12:00:00", "%d %b %Y", "30 Dec 2024"),
            arguments("2024-12-30T12:00:00", "%Y-%m-%d", "2024-12-30"),
            arguments("2024-12-30T12:00:00", "%A, %B %-d, %Y", "Monday, December 30, 2024"),
            arguments("2024-12-30T12:00:00", "%H:%M:%S %p %I", "12:00:00 PM 12"),
            arguments("2024-12-30T12:00:00", "%a %j %U %W %w %u %V %G %y", "Mon 365 52 53 1 1 01 2025 24"),
            arguments("2024-12-30T12:00:00", "%c|%x|%X", "Mon Dec 30 12:00:00 2024|12/30/24|12:00:00"),
            arguments("2024-12-30T12:00:00", "%e|%-m/%-d|%%|%Q", "30|12/30|%|%Q"),
            arguments("2024-12-30T12:00:00", "Today is %d.%m.", "Today is 30.12."));
    }
}

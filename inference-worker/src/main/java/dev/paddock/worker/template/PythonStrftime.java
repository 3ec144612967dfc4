package dev.paddock.worker.template;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Python's {@code datetime.now().strftime(format)} in the C locale, for {@code strftime_now}.
 * Templates use it for "Today Date: 26 Jul 2024"-style lines ({@code "%d %b %Y"},
 * {@code "%Y-%m-%d"}); the glibc {@code %-d} flag (no padding) is honoured. The time is naive, as
 * in transformers, so {@code %z} and {@code %Z} print nothing. An unknown directive is printed as
 * written, as glibc does.
 */
final class PythonStrftime {

    private PythonStrftime() {
    }

    static String format(LocalDateTime time, String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 >= format.length()) {
                out.append(c);
                continue;
            }
            int start = i;
            boolean unpadded = format.charAt(i + 1) == '-' && i + 2 < format.length();
            if (unpadded) {
                i++;
            }
            char directive = format.charAt(++i);
            String value = directive(time, directive, unpadded);
            out.append(value != null ? value : format.substring(start, i + 1));
        }
        return out.toString();
    }

    private static String directive(LocalDateTime t, char directive, boolean unpadded) {
        return switch (directive) {
            case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
            case 'c' -> format(t, "%a %b %e %H:%M:%S %Y");
            case 'd' -> number(t.getDayOfMonth(), 2, unpadded);
            case 'e' -> unpadded ? String.valueOf(t.getDayOfMonth()) : String.format("%2d", t.getDayOfMonth());
            case 'f' -> String.format("%06d", t.getNano() / 1000);
            case 'H' -> number(t.getHour(), 2, unpadded);
            case 'I' -> number(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, unpadded);
            case 'j' -> number(t.getDayOfYear(), 3, unpadded);
            case 'm' -> number(t.getMonthValue(), 2, unpadded);
            case 'M' -> number(t.getMinute(), 2, unpadded);
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'S' -> number(t.getSecond(), 2, unpadded);
            case 'u' -> String.valueOf(t.getDayOfWeek().getValue());
            case 'w' -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            case 'U' -> number(weekOfYear(t, DayOfWeek.SUNDAY), 2, unpadded);
            case 'W' -> number(weekOfYear(t, DayOfWeek.MONDAY), 2, unpadded);
            case 'V' -> number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, unpadded);
            case 'G' -> String.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'x' -> format(t, "%m/%d/%y");
            case 'X' -> format(t, "%H:%M:%S");
            case 'y' -> number(t.getYear() % 100, 2, unpadded);
            case 'Y' -> String.valueOf(t.getYear());
            case 'z', 'Z' -> "";
            case '%' -> "%";
            default -> null;
        };
    }

    /** Weeks start on {@code first}; days before the year's first such day are in week 0. */
    private static int weekOfYear(LocalDateTime t, DayOfWeek first) {
        int dayOfYear = t.get(ChronoField.DAY_OF_YEAR) - 1;
        int weekday = Math.floorMod(t.getDayOfWeek().getValue() - first.getValue(), 7);
        return (dayOfYear - weekday + 7) / 7;
    }

    private static String number(int value, int width, boolean unpadded) {
        return unpadded ? String.valueOf(value) : String.format("%0" + width + "d", value);
    }
}

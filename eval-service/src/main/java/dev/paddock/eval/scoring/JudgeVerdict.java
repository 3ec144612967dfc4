package dev.paddock.eval.scoring;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a judge model's grade from free text. In order: a labelled grade ("Score: 7", "rating = 4/5",
 * "**Grade:** 8 out of 10"), then a fraction ("7/10", "4 out of 5"), then the first number within the
 * scale. A fraction's own denominator wins over the scale. The result is scaled to 0-1; NaN when the
 * text holds no grade (the item is then left out of the mean, not counted as 0).
 */
public final class JudgeVerdict {

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final String OUT_OF = "(?:\\s*(?:/|out\\s+of)\\s*(\\d+(?:\\.\\d+)?))?";
    private static final Pattern LABELLED = Pattern.compile(
            "(?:score|grade|rating|verdict)\\W{0,4}(?:is\\s+)?" + NUMBER + OUT_OF);
    private static final Pattern FRACTION = Pattern.compile(NUMBER + "\\s*(?:/|out\\s+of)\\s*" + NUMBER);
    private static final Pattern BARE = Pattern.compile("(?<![\\d.])" + NUMBER + "(?![\\d.])");

    private JudgeVerdict() {
    }

    /** The grade in {@code text} on a 0-{@code scale} scale, as 0-1; NaN when none is found. */
    public static double parse(String text, int scale) {
        String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
        Matcher m = LABELLED.matcher(t);
        if (m.find()) {
            return scaled(m.group(1), m.group(2), scale);
        }
        m = FRACTION.matcher(t);
        if (m.find()) {
            return scaled(m.group(1), m.group(2), scale);
        }
        m = BARE.matcher(t);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            if (v <= scale) {
                return v / scale;
            }
        }
        return Double.NaN;
    }

    private static double scaled(String value, String outOf, int scale) {
        double v = Double.parseDouble(value);
        double top = outOf != null ? Double.parseDouble(outOf) : scale;
        if (top <= 0 || v > top) {
            return Double.NaN;
        }
        return v / top;
    }
}

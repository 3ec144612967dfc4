package dev.paddock.api.inference.v1;

import java.util.Locale;

/** Request queueing class: interactive work is always scheduled before batch work. */
public enum Priority {
    INTERACTIVE,
    BATCH;

    /** The class as headers, topic and group names and metric labels spell it: {@code interactive} or {@code batch}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

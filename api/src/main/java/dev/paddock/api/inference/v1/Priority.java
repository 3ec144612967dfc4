package dev.paddock.api.inference.v1;

/** Request queueing class: interactive work is always scheduled before batch work. */
public enum Priority {
    INTERACTIVE,
    BATCH
}

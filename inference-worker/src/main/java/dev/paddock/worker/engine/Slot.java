package dev.paddock.worker.engine;

import java.util.Arrays;

/**
 * One sequence of the context. It remembers which tokens its KV cache holds after a request ends,
 * so the next request sharing a prefix (a conversation's next turn) reuses them.
 */
final class Slot {

    final int id;
    private int[] cached = new int[64];
    private int cachedLength;
    Generation active;

    Slot(int id) {
        this.id = id;
    }

    boolean isFree() {
        return active == null;
    }

    /** Tokens at the start of the prompt that are already in this slot's cache. */
    int commonPrefix(int[] prompt) {
        int n = Math.min(cachedLength, prompt.length);
        int i = 0;
        while (i < n && cached[i] == prompt[i]) {
            i++;
        }
        return i;
    }

    int cachedLength() {
        return cachedLength;
    }

    void truncate(int length) {
        cachedLength = Math.min(cachedLength, length);
    }

    void append(int token) {
        if (cachedLength == cached.length) {
            cached = Arrays.copyOf(cached, cached.length * 2);
        }
        cached[cachedLength++] = token;
    }
}

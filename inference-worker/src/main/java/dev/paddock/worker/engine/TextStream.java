package dev.paddock.worker.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns a generation's token bytes into text that is safe to send: never half a UTF-8 character,
 * never any part of a stop string. Text that could still become a stop string is held back until
 * it cannot; a matched stop string and everything after it are dropped.
 */
final class TextStream {

    private final List<String> stops;
    private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    TextStream(List<String> stops) {
        this.stops = stops;
    }

    /** Adds a token's bytes; returns the text that may be sent now (possibly empty). */
    String push(byte[] bytes) {
        if (stopped) {
            return "";
        }
        pendingBytes.writeBytes(bytes);
        byte[] all = pendingBytes.toByteArray();
        int complete = all.length - incompleteTail(all);
        held.append(new String(all, 0, complete, StandardCharsets.UTF_8));
        pendingBytes.reset();
        pendingBytes.write(all, complete, all.length - complete);
        return release();
    }

    /** Whether a stop string matched. */
    boolean stopped() {
        return stopped;
    }

    /** At the end of a generation (not by stop string): everything still held, as text. */
    String finish() {
        if (stopped) {
            return "";
        }
        byte[] rest = pendingBytes.toByteArray();
        held.append(new String(rest, StandardCharsets.UTF_8));
        pendingBytes.reset();
        String out = held.toString();
        held.setLength(0);
        return out;
    }

    private String release() {
        int stopAt = earliestStop();
        if (stopAt >= 0) {
            stopped = true;
            String out = held.substring(0, stopAt);
            held.setLength(0);
            return out;
        }
        int keep = longestStopPrefixSuffix();
        String out = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return out;
    }

    private int earliestStop() {
        int best = -1;
        for (String s : stops) {
            int i = held.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    /** Length of the longest end of the held text that is the start of some stop string. */
    private int longestStopPrefixSuffix() {
        int keep = 0;
        String h = held.toString();
        for (String s : stops) {
            int max = Math.min(s.length() - 1, h.length());
            for (int n = max; n > keep; n--) {
                if (h.regionMatches(h.length() - n, s, 0, n)) {
                    keep = n;
                    break;
                }
            }
        }
        return keep;
    }

    /** How many bytes at the end start a UTF-8 sequence that is not complete yet. */
    static int incompleteTail(byte[] b) {
        for (int back = 1; back <= Math.min(3, b.length); back++) {
            int lead = b[b.length - back] & 0xFF;
            if ((lead & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead
            }
            int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            return need > back ? back : 0;
        }
        return 0;
    }
}

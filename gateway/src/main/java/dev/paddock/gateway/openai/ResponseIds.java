package dev.paddock.gateway.openai;

import java.util.concurrent.ThreadLocalRandom;

/** Random ids in OpenAI's shapes: {@code chatcmpl-…}, {@code cmpl-…}, {@code call_…}. */
public final class ResponseIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();
    private static final int LENGTH = 24;

    private ResponseIds() {
    }

    public static String chatCompletion() {
        return "chatcmpl-" + random();
    }

    public static String completion() {
        return "cmpl-" + random();
    }

    public static String toolCall() {
        return "call_" + random();
    }

    private static String random() {
        // ids only need to be unique, not unguessable
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}

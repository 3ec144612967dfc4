package dev.paddock.worker.grammar;

import com.fasterxml.jackson.databind.node.TextNode;

/** JSON text of strings, as a model must write them in the generated document. */
final class JsonStrings {

    private JsonStrings() {
    }

    /** {@code text} as a quoted JSON string literal, escapes included. */
    static String quote(String text) {
        return TextNode.valueOf(text).toString();
    }

    /** The escaped characters of {@code text} as they appear between the quotes. */
    static String escapedContent(String text) {
        String quoted = quote(text);
        return quoted.substring(1, quoted.length() - 1);
    }
}

package dev.paddock.worker.grammar;

/**
 * A location inside the schema document as a JSON pointer, carried along during conversion
 * so that every {@link GrammarException} can say where the problem is.
 *
 * @param pointer the RFC 6901 pointer; empty for the document root
 */
record SchemaPath(String pointer) {

    static final SchemaPath ROOT = new SchemaPath("");

    SchemaPath child(String token) {
        // RFC 6901: '~' and '/' inside a token must be escaped, '~' first.
        return new SchemaPath(pointer + "/" + token.replace("~", "~0").replace("/", "~1"));
    }

    SchemaPath child(int index) {
        return new SchemaPath(pointer + "/" + index);
    }

    /** The pointer for humans: the empty root pointer would read as nothing at all. */
    String describe() {
        return pointer.isEmpty() ? "(root)" : pointer;
    }
}

package dev.paddock.worker.grammar;

import java.io.Serial;

/**
 * Thrown when a JSON Schema cannot be turned into a GBNF grammar, either because it is
 * malformed or because it uses a construct that a context-free grammar cannot enforce.
 *
 * <p>The message always names the JSON pointer of the offending (sub)schema, for example
 * {@code unsupported JSON Schema keyword 'if' at /properties/x}, so that API callers can
 * fix their {@code response_format} without guessing.
 */
public final class GrammarException extends IllegalArgumentException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String pointer;

    GrammarException(String problem, SchemaPath path) {
        super(problem + " at " + path.describe());
        this.pointer = path.pointer();
    }

    /**
     * Returns the JSON pointer (RFC 6901) of the schema location that caused the failure;
     * the empty string denotes the root schema.
     *
     * @return the JSON pointer, never {@code null}
     */
    public String pointer() {
        return pointer;
    }
}

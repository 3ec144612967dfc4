package dev.paddock.worker.grammar;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Resolves {@code $ref} values against the schema document. Only local references
 * ({@code #}, {@code #/$defs/...}, {@code #/definitions/...} or any other JSON pointer into the
 * document) are supported: fetching remote schemas from inside the inference server would be
 * both slow and a request-forgery risk.
 */
final class RefResolver {

    /**
     * A resolved reference.
     *
     * @param schema   the referenced subschema
     * @param path     where it lives in the document, for error messages
     * @param nameHint a readable rule name for it: the last pointer segment, or root
     */
    record Target(JsonNode schema, SchemaPath path, String nameHint) {
    }

    private final JsonNode document;

    RefResolver(JsonNode document) {
        this.document = document;
    }

    /** The text of a {@code $ref} keyword, which must be a string. */
    static String refText(JsonNode schema, SchemaPath path) {
        JsonNode ref = schema.get("$ref");
        if (ref == null || !ref.isTextual()) {
            throw new GrammarException("'$ref' must be a string", path);
        }
        return ref.textValue();
    }

    Target resolve(String ref, SchemaPath at) {
        if (!ref.startsWith("#")) {
            throw new GrammarException("unsupported non-local $ref '" + ref + "'", at);
        }
        JsonPointer pointer = pointer(ref, at);
        JsonNode target = document.at(pointer);
        if (target.isMissingNode()) {
            throw new GrammarException("unresolvable $ref '" + ref + "'", at);
        }
        String hint = pointer.matches() ? RuleSet.ROOT : pointer.last().getMatchingProperty();
        return new Target(target, new SchemaPath(pointer.toString()), hint);
    }

    private static JsonPointer pointer(String ref, SchemaPath at) {
        try {
            // The fragment is URI-encoded ("%24defs"); '+' is a literal plus there, not a space.
            String fragment = URLDecoder.decode(ref.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
            return JsonPointer.compile(fragment);
        } catch (IllegalArgumentException e) {
            throw new GrammarException("unsupported $ref '" + ref + "' (only JSON pointer fragments are supported)",
                    at);
        }
    }
}

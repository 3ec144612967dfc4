package dev.paddock.gateway.errors;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Describes a JSON body that parsed but does not fit the request's shape ({@code "temperature":"hot"}):
 * the parameter's path as OpenAI writes it ({@code messages[0].role}) and the JSON type expected.
 */
final class JsonErrors {

    static final String UNPARSABLE = "We could not parse the JSON body of your request. The API expects a JSON"
            + " payload, but what was sent was not valid JSON.";

    private JsonErrors() {
    }

    /** The parameter path, or null when the body itself has the wrong type. */
    static String param(List<JsonMappingException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : path) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** The message for a value of the wrong JSON type. */
    static String wrongType(String param, Class<?> target) {
        if (param == null) {
            return "The request body must be a JSON object.";
        }
        return "Invalid type for '" + param + "': expected " + expected(target) + ".";
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "another type";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (target == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(target) || target.isRecord() ? "an object" : "another type";
    }
}

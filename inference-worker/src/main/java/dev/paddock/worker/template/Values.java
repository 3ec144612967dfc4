package dev.paddock.worker.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of the caller's messages and tools, so that neither a template nor argument rewriting touches them. */
final class Values {

    private Values() {
    }

    /** A deep, mutable copy of JSON-like data: maps keep their order, lists stay lists. */
    static Object deepCopy(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
                yield copy;
            }
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                list.forEach(item -> copy.add(deepCopy(item)));
                yield copy;
            }
            case null, default -> value;
        };
    }

    /** A list of deep copies of {@code maps}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> deepCopyAll(List<Map<String, Object>> maps) {
        List<Map<String, Object>> copy = new ArrayList<>(maps.size());
        maps.forEach(map -> copy.add((Map<String, Object>) deepCopy(map)));
        return copy;
    }

    /** A mutable map of alternating keys and values; values may be null. */
    static Map<String, Object> mutableMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}

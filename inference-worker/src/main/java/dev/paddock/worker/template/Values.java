package dev.paddock.worker.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for the JSON-like values templates see: deep copies, and Python's view of what iterates. */
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

    /** What Python's {@code list(value)} gives: a string's characters, a dict's keys, an iterator's rest. */
    static List<Object> pythonList(Object value) {
        List<Object> items = new ArrayList<>();
        switch (value) {
            case null -> { }
            case String s -> s.chars().forEach(c -> items.add(String.valueOf((char) c)));
            case Map<?, ?> map -> items.addAll(map.keySet());
            case Iterable<?> iterable -> iterable.forEach(items::add);
            // Jinjava's reverse filter returns an iterator
            case Iterator<?> iterator -> iterator.forEachRemaining(items::add);
            case Object[] array -> items.addAll(Arrays.asList(array));
            default -> items.add(value);
        }
        return items;
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

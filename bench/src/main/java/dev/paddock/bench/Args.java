package dev.paddock.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} and {@code --name=value} arguments. */
public final class Args {

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    public static Args parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (options are --name value)");
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                m.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                m.put(a.substring(2), args[++i]);
            } else {
                m.put(a.substring(2), "true");
            }
        }
        return new Args(m);
    }

    public String get(String name, String fallback) {
        String v = values.get(name);
        if (v == null && fallback == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v == null ? fallback : v;
    }

    public int getInt(String name, int fallback) {
        String v = values.get(name);
        return v == null ? fallback : Integer.parseInt(v);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    Map<String, String> all() {
        return values;
    }
}

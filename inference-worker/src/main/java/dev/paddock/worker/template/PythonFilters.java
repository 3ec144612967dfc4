package dev.paddock.worker.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Filters whose Jinjava version differs from the Jinja2 one that chat templates were written for,
 * or that Jinjava lacks. Each is registered under the Jinja2 name, replacing Jinjava's.
 */
final class PythonFilters {

    private PythonFilters() {
    }

    static List<Filter> all() {
        return List.of(new ToJson(), new Items(), new Trim(), new Str(), new Join(), new PySlice());
    }

    /** A filter that reads Jinja2-style positional and keyword arguments. */
    private abstract static class PythonFilter implements Filter {

        abstract Object apply(Object value, Object[] args, Map<String, Object> kwargs);

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            return apply(var, args == null ? new Object[0] : args, kwargs == null ? Map.of() : kwargs);
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return apply(var, args == null ? new Object[0] : args, Map.of());
        }

        /** The argument given by keyword, else by position, else {@code null}. */
        static Object argument(Object[] args, Map<String, Object> kwargs, int position, String name) {
            if (kwargs.containsKey(name)) {
                return kwargs.get(name);
            }
            return position < args.length ? args[position] : null;
        }
    }

    /**
     * transformers' {@code tojson(x, ensure_ascii=False, indent=None, separators=None,
     * sort_keys=False)}: Python's {@code json.dumps}, without Jinja2's HTML escaping.
     */
    static final class ToJson extends PythonFilter {

        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            Object ensureAscii = argument(args, kwargs, 0, "ensure_ascii");
            Object separators = argument(args, kwargs, 2, "separators");
            PythonJson.Options options = PythonJson.Options.of(
                argument(args, kwargs, 1, "indent"),
                separators instanceof List<?> list ? list : null,
                ObjectTruthValue.evaluate(argument(args, kwargs, 3, "sort_keys")),
                ObjectTruthValue.evaluate(ensureAscii));
            return PythonJson.dumps(value, options);
        }
    }

    /** Jinja2 3.1's {@code items}: a mapping's (key, value) pairs, nothing for undefined. */
    static final class Items extends PythonFilter {

        @Override
        public String getName() {
            return "items";
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            return value instanceof Map<?, ?> map ? new ArrayList<>(map.entrySet()) : List.of();
        }
    }

    /** Jinja2's {@code trim(chars=None)}: Python's {@code str.strip}, which spares control characters. */
    static final class Trim extends PythonFilter {

        @Override
        public String getName() {
            return "trim";
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            return PythonStrings.strip(value == null ? "" : PythonValues.str(value),
                argument(args, kwargs, 0, "chars"), true, true);
        }
    }

    /** Jinja2's {@code string}: Python's {@code str()} ({@code True}, not {@code true}). */
    static final class Str extends PythonFilter {

        @Override
        public String getName() {
            return "string";
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            return value == null ? "" : PythonValues.str(value);
        }
    }

    /** Jinja2's {@code join(d='', attribute=None)}: items through Python's {@code str()}. */
    static final class Join extends PythonFilter {

        @Override
        public String getName() {
            return "join";
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            Object separator = argument(args, kwargs, 0, "d");
            Object attribute = argument(args, kwargs, 1, "attribute");
            List<String> parts = new ArrayList<>();
            if (value instanceof Iterable<?> items) {
                for (Object item : items) {
                    Object part = attribute != null && item instanceof Map<?, ?> map ? map.get(attribute.toString()) : item;
                    parts.add(part == null ? "" : PythonValues.str(part));
                }
            } else if (value instanceof String s) {
                s.chars().forEach(c -> parts.add(String.valueOf((char) c)));
            }
            return String.join(separator == null ? "" : PythonValues.str(separator), parts);
        }
    }

    /**
     * {@code value|py_slice(start, stop, step)} is Python's {@code value[start:stop:step]}, for lists
     * and strings. {@link JinjaSource} rewrites slices with a step into it.
     */
    static final class PySlice extends PythonFilter {

        @Override
        public String getName() {
            return "py_slice";
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            Integer step = index(argument(args, kwargs, 2, "step"));
            int by = step == null ? 1 : step;
            if (by == 0) {
                throw new IllegalArgumentException("slice step cannot be zero");
            }
            List<?> items = switch (value) {
                case String s -> Arrays.asList(s.split(""));
                case List<?> list -> list;
                case Iterable<?> iterable -> {
                    List<Object> copy = new ArrayList<>();
                    iterable.forEach(copy::add);
                    yield copy;
                }
                case null, default -> List.of();
            };
            int n = value instanceof String s ? s.length() : items.size();
            int lower = by < 0 ? -1 : 0;
            int upper = by < 0 ? n - 1 : n;
            int start = bound(index(argument(args, kwargs, 0, "start")), n, lower, upper, by < 0 ? upper : lower);
            int stop = bound(index(argument(args, kwargs, 1, "stop")), n, lower, upper, by < 0 ? lower : upper);
            List<Object> out = new ArrayList<>();
            for (int i = start; by > 0 ? i < stop : i > stop; i += by) {
                out.add(items.get(i));
            }
            if (value instanceof String) {
                StringBuilder text = new StringBuilder();
                out.forEach(text::append);
                return text.toString();
            }
            return out;
        }

        /** CPython's slice index adjustment. */
        private static int bound(Integer index, int n, int lower, int upper, int missing) {
            if (index == null) {
                return missing;
            }
            int i = index < 0 ? index + n : index;
            return Math.max(lower, Math.min(upper, i));
        }

        private static Integer index(Object value) {
            return value instanceof Number n ? Integer.valueOf(n.intValue()) : null;
        }
    }
}

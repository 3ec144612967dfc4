package dev.paddock.worker.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Jinja2's filters over sequences that Jinjava lacks or reads differently, registered by {@link PythonFilters}. */
final class SequenceFilters {

    private SequenceFilters() {
    }

    /** Jinja2's {@code min} and {@code max}, which Jinjava lacks: numbers or strings, optionally by attribute. */
    static final class Extreme extends PythonFilter {

        private final String name;

        Extreme(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            Object attribute = kwargs.get("attribute");
            Object best = null;
            Object bestKey = null;
            for (Object item : Values.pythonList(value)) {
                Object key = attribute != null && item instanceof Map<?, ?> map ? map.get(attribute.toString()) : item;
                int order = bestKey == null ? 0 : compare(key, bestKey);
                if (bestKey == null || (name.equals("min") ? order < 0 : order > 0)) {
                    best = item;
                    bestKey = key;
                }
            }
            return best;
        }

        private static int compare(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return String.valueOf(a).compareTo(String.valueOf(b));
        }
    }

    /** Jinja2's {@code sum(attribute=None, start=0)}: integers add up to an integer, as in Python. */
    static final class Sum extends PythonFilter {

        @Override
        public String getName() {
            return "sum";
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            Object attribute = argument(args, kwargs, 0, "attribute");
            Object start = argument(args, kwargs, 1, "start");
            long whole = start instanceof Number n && !(n instanceof Double) ? n.longValue() : 0;
            double fraction = start instanceof Double d ? d : 0;
            boolean floating = start instanceof Double;
            for (Object item : Values.pythonList(value)) {
                Object term = attribute != null && item instanceof Map<?, ?> map ? map.get(attribute.toString()) : item;
                if (term instanceof Double || term instanceof Float) {
                    floating = true;
                    fraction += ((Number) term).doubleValue();
                } else if (term instanceof Number n) {
                    whole += n.longValue();
                }
            }
            if (floating) {
                return whole + fraction;
            }
            return whole;
        }
    }

    /** Jinja2's {@code first} and {@code last}, which also take a string's first or last character. */
    static final class End extends PythonFilter {

        private final String name;

        End(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        Object apply(Object value, Object[] args, Map<String, Object> kwargs) {
            List<Object> items = Values.pythonList(value);
            if (items.isEmpty()) {
                return null;
            }
            return name.equals("first") ? items.getFirst() : items.getLast();
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
            List<Object> items = Values.pythonList(value);
            int n = items.size();
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

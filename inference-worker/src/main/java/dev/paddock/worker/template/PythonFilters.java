package dev.paddock.worker.template;

import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.ArrayList;
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
        return List.of(new ToJson(), new Items(), new Trim(), new Str(), new Join(),
            new SequenceFilters.Extreme("min"), new SequenceFilters.Extreme("max"), new SequenceFilters.Sum(),
            new SequenceFilters.End("first"), new SequenceFilters.End("last"), new SequenceFilters.PySlice());
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
            for (Object item : Values.pythonList(value)) {
                if (attribute == null) {
                    parts.add(PythonValues.str(item));
                } else {
                    // a missing attribute is undefined, which prints as nothing
                    Object part = item instanceof Map<?, ?> map ? map.get(attribute.toString()) : null;
                    parts.add(part == null ? "" : PythonValues.str(part));
                }
            }
            return String.join(separator == null ? "" : PythonValues.str(separator), parts);
        }
    }




}

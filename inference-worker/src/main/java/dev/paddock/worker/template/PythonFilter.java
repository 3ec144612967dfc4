package dev.paddock.worker.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Map;

/** A filter that reads Jinja2-style positional and keyword arguments. */
abstract class PythonFilter implements Filter {

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

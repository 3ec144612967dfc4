package dev.paddock.worker.template;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Lets templates call Python's {@code str} methods on strings ({@code content.strip()},
 * {@code .startswith('<think>')}, {@code .split('</think>')[-1]}), use {@code dict.get(key, default)},
 * and index strings ({@code 'abc'[-1]}). Jinjava would look these up as Java methods, which have
 * other names and meanings. Put first in the resolver chain; it resolves nothing else.
 */
final class PythonMethodResolver extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (method == null) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        if (base instanceof String s) {
            Object result = PythonStrings.call(s, method.toString(), args);
            if (result != PythonStrings.NOT_A_METHOD) {
                context.setPropertyResolved(true);
                return result;
            }
        } else if (base instanceof Map<?, ?> map && "get".equals(method.toString()) && args.length == 2) {
            context.setPropertyResolved(true);
            return map.containsKey(args[0]) ? map.get(args[0]) : args[1];
        }
        return null;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof String s && index(property) != null) {
            int index = index(property);
            if (index < 0) {
                index += s.length();
            }
            context.setPropertyResolved(true);
            // Jinja2 turns an IndexError into undefined
            return index >= 0 && index < s.length() ? String.valueOf(s.charAt(index)) : null;
        }
        return null;
    }

    /** An integer subscript; Jinjava hands it over as a number or as its text. */
    private static Integer index(Object property) {
        if (property instanceof Long || property instanceof Integer) {
            return ((Number) property).intValue();
        }
        if (property instanceof String text && text.matches("-?\\d{1,9}")) {
            return Integer.valueOf(text);
        }
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // nothing of ours is writable; the next resolver decides
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return false;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}

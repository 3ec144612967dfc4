package dev.paddock.worker.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The global functions transformers gives chat templates: {@code raise_exception(message)} and
 * {@code strftime_now(format)}.
 */
final class TemplateFunctions {

    /** The names, also bound as variables so that {@code strftime_now is defined} holds, as in Python. */
    static final List<String> NAMES = List.of("raise_exception", "strftime_now");

    private TemplateFunctions() {
    }

    static List<ELFunctionDefinition> definitions() {
        return List.of(
            definition("raise_exception", "raiseException", Object.class),
            definition("strftime_now", "strftimeNow", Object.class));
    }

    private static ELFunctionDefinition definition(String name, String method, Class<?>... parameters) {
        try {
            Method target = TemplateFunctions.class.getDeclaredMethod(method, parameters);
            // Jinjava calls the method reflectively from its own package; this class stays internal
            target.setAccessible(true);
            return new ELFunctionDefinition("", name, target);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Aborts rendering with the template's message; {@link ChatTemplate} turns it into a TemplateException. */
    static Object raiseException(Object message) {
        throw new RaisedException(PythonValues.str(message));
    }

    /** The local date and time as Python's naive {@code datetime.now().strftime(format)}. */
    static String strftimeNow(Object format) {
        JinjavaInterpreter interpreter = JinjavaInterpreter.getCurrent();
        long millis = interpreter.getConfig().getDateTimeProvider().getCurrentTimeMillis();
        LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), interpreter.getConfig().getTimeZone());
        return PythonStrftime.format(now, PythonValues.str(format));
    }

    /** What a template's {@code raise_exception} throws through Jinjava. */
    static final class RaisedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RaisedException(String message) {
            super(message, null, false, false);
        }
    }

    /** The value bound to a function's name: prints like a Python function. */
    record Marker(String name) {

        @Override
        public String toString() {
            return "<function " + name + ">";
        }
    }
}

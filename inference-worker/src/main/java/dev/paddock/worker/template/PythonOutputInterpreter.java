package dev.paddock.worker.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;

/**
 * An interpreter that prints {@code {{ value }}} as Jinja2 does, with Python's {@code str()}:
 * {@code True}, {@code 5.0}, {@code {'a': None}}. A {@code null} prints nothing, since Jinjava
 * uses it for undefined values too and printing undefined gives the empty string.
 */
final class PythonOutputInterpreter extends JinjavaInterpreter {

    PythonOutputInterpreter(Jinjava application, Context context, JinjavaConfig config) {
        super(application, context, config);
    }

    PythonOutputInterpreter(JinjavaInterpreter parent) {
        super(parent);
    }

    @Override
    public String getAsString(Object object) {
        return object == null ? "" : PythonValues.str(object);
    }

    /** Makes these interpreters, for {@code JinjavaConfig.Builder.withInterperterFactory}. */
    static final class Factory implements InterpreterFactory {

        @Override
        public JinjavaInterpreter newInstance(JinjavaInterpreter orig) {
            return new PythonOutputInterpreter(orig);
        }

        @Override
        public JinjavaInterpreter newInstance(Jinjava application, Context context, JinjavaConfig renderConfig) {
            return new PythonOutputInterpreter(application, context, renderConfig);
        }
    }
}

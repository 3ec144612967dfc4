package dev.paddock.worker.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import java.util.List;
import java.util.Map;

/**
 * The {@code is iterable} and {@code is sequence} tests as Jinja2 defines them: strings and
 * dicts are both. Jinjava says no to both, which sends Llama 3.1's tool-result branch
 * ({@code message.content is mapping or message.content is iterable}) the wrong way.
 */
final class PythonTests {

    private PythonTests() {
    }

    static List<ExpTest> all() {
        return List.of(new Iterable(), new Sequence());
    }

    /** Python's {@code iter(value)} succeeds. */
    static final class Iterable implements ExpTest {

        @Override
        public String getName() {
            return "iterable";
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return var instanceof CharSequence || var instanceof java.lang.Iterable<?> || var instanceof Map<?, ?>
                || (var != null && var.getClass().isArray());
        }
    }

    /** Jinja2's {@code test_sequence}: the value has a length and can be indexed. */
    static final class Sequence implements ExpTest {

        @Override
        public String getName() {
            return "sequence";
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return var instanceof CharSequence || var instanceof List<?> || var instanceof Map<?, ?>
                || (var != null && var.getClass().isArray());
        }
    }
}

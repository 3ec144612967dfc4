package dev.paddock.worker.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import java.time.Clock;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ExpressionFactory;

/**
 * Builds a Jinjava engine that behaves like the Jinja2 environment transformers renders chat
 * templates with ({@code trim_blocks=True, lstrip_blocks=True}, loop controls, the
 * {@code {% generation %}} tag, {@code raise_exception}, {@code strftime_now}, a Python
 * {@code tojson}), plus the Python-isms listed in {@link JinjaSource}, {@link PythonMethodResolver},
 * {@link PythonFilters}, {@link PythonTests}, {@link PythonForTag}, {@link PythonOperators} and
 * {@link PythonOutputInterpreter}.
 */
final class JinjaEnvironment {

    /**
     * Jinjava's opt-ins for Python behaviour: dict literal keys are expressions, a dict iterates
     * over its keys, precedence as in Python ({@code not a is b}), Jinja2's whitespace control.
     * {@code whitespaceRequiredWithinTokens} and snake-case bean properties stay off: Jinja2 has
     * neither.
     */
    private static final LegacyOverrides PYTHON_BEHAVIOUR = LegacyOverrides.newBuilder()
        .withEvaluateMapKeys(true)
        .withIterateOverMapKeys(true)
        .withUsePyishObjectMapper(true)
        .withUseNaturalOperatorPrecedence(true)
        .withParseWhitespaceControlStrictly(true)
        .withAllowAdjacentTextNodes(true)
        .withUseTrimmingForNotesAndExpressions(true)
        .withKeepNullableLoopValues(true)
        .build();

    private JinjaEnvironment() {
    }

    /** @param clock the time {@code strftime_now} reads, in the clock's zone */
    static Jinjava create(Clock clock) {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethodResolver());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
            // trim_blocks and lstrip_blocks are done by JinjaSource, Jinjava's lstrip differs
            .withTrimBlocks(false)
            .withLstripBlocks(false)
            // message text must never be re-parsed as a template (Jinjava does that by default)
            .withNestedInterpretationEnabled(false)
            // Jinja2 macros may call themselves (Hermes' json_to_python_type does); bound the depth
            .withEnableRecursiveMacroCalls(true)
            .withMaxMacroRecursionDepth(64)
            .withLegacyOverrides(PYTHON_BEHAVIOUR)
            .withElResolver(resolver)
            .withInterperterFactory(new PythonOutputInterpreter.Factory())
            .withDateTimeProvider(clock::millis)
            .withTimeZone(clock.getZone())
            .build();
        Jinjava jinjava = new PythonJinjava(config);
        Context globals = jinjava.getGlobalContext();
        PythonFilters.all().forEach(globals::registerFilter);
        PythonTests.all().forEach(globals::registerExpTest);
        TemplateFunctions.definitions().forEach(globals::registerFunction);
        globals.registerTag(new PythonForTag());
        globals.registerTag(new GenerationTag());
        return jinjava;
    }

    /** Jinjava with the expression parser of {@link PythonExpressionFactory}. */
    private static final class PythonJinjava extends Jinjava {

        private final ExpressionFactory expressions = PythonExpressionFactory.create();

        PythonJinjava(JinjavaConfig config) {
            super(config);
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            return expressions;
        }
    }
}

package dev.paddock.worker.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.ExpressionNode;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.ExpressionToken;
import java.lang.reflect.Method;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;
import jinjava.javax.el.FunctionMapper;
import jinjava.javax.el.VariableMapper;

/**
 * Compile-time checks, as Jinja2 parses a whole template up front: the tag structure (unknown or
 * unclosed tags) and the syntax of every expression in {@code {{ }}}, {@code if}, {@code elif},
 * {@code for} and {@code set}. Jinjava itself would report these only when rendering reaches them.
 */
final class TemplateSyntax {

    /** {@code |name} (a filter) or {@code is [not] name} (a test). */
    private static final Pattern FILTER_OR_TEST =
        Pattern.compile("\\|\\s*([A-Za-z_]\\w*)|\\bis\\s+(?:not\\s+)?([A-Za-z_]\\w*)");

    private TemplateSyntax() {
    }

    /** @throws TemplateException at the first syntax error */
    static void check(Jinjava jinjava, String source) {
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Node root = interpreter.parse(source);
            ChatTemplate.throwIfFailed(interpreter.getErrorsCopy());
            checkExpressions(jinjava, interpreter, root, new ParseOnlyContext(interpreter.getConfig().getElResolver()));
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    private static void checkExpressions(Jinjava jinjava, JinjavaInterpreter interpreter, Node node, ELContext context) {
        String expression = switch (node) {
            case ExpressionNode e -> ((ExpressionToken) e.getMaster()).getExpr();
            case TagNode tag -> tagExpression(tag.getName(), tag.getHelpers());
            default -> null;
        };
        if (expression != null && !expression.isBlank()) {
            try {
                jinjava.getExpressionFactory()
                    .createValueExpression(context, "#{" + expression.strip() + "}", Object.class);
            } catch (ELException e) {
                throw new TemplateException("Chat template syntax error at line " + node.getLineNumber() + ": "
                    + e.getMessage(), e);
            }
            checkFilterAndTestNames(interpreter, expression, node.getLineNumber());
        }
        for (Node child : node.getChildren()) {
            checkExpressions(jinjava, interpreter, child, context);
        }
    }

    /**
     * Jinja2 refuses a template that names an unknown filter or test; Jinjava would quietly
     * render nothing in its place.
     */
    private static void checkFilterAndTestNames(JinjavaInterpreter interpreter, String expression, int line) {
        Matcher names = FILTER_OR_TEST.matcher(withoutStrings(expression));
        while (names.find()) {
            if (names.group(1) != null && interpreter.getContext().getFilter(names.group(1)) == null) {
                throw new TemplateException("Chat template error at line " + line + ": no filter named '"
                    + names.group(1) + "'");
            }
            if (names.group(2) != null && interpreter.getContext().getExpTest(names.group(2)) == null) {
                throw new TemplateException("Chat template error at line " + line + ": no test named '"
                    + names.group(2) + "'");
            }
        }
    }

    /** The expression with each string literal emptied, so that a '|' inside one is not a filter. */
    private static String withoutStrings(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            out.append(c);
            if (c == '\'' || c == '"') {
                int end = JinjaSource.stringEnd(expression, i);
                out.append(c);
                i = end;
            }
        }
        return out.toString();
    }

    /** The expression part of the tags that have one; null for the others. */
    private static String tagExpression(String tag, String helpers) {
        return switch (tag) {
            case "if", "elif" -> helpers;
            case "for" -> {
                int in = helpers.indexOf(" in ");
                yield in < 0 ? null : helpers.substring(in + 4);
            }
            case "set" -> {
                int equals = assignment(helpers);
                yield equals < 0 ? null : helpers.substring(equals + 1);
            }
            default -> null;
        };
    }

    /** The index of the {@code =} of {@code name = value}, or -1 for a block {@code set}. */
    private static int assignment(String helpers) {
        for (int i = 0; i < helpers.length(); i++) {
            char c = helpers.charAt(i);
            if (c == '\'' || c == '"' || c == '(' || c == '[' || c == '{') {
                return -1;
            }
            if (c == '=' && (i + 1 >= helpers.length() || helpers.charAt(i + 1) != '=')) {
                return i;
            }
        }
        return -1;
    }

    /** Parses without resolving: every function name maps to a varargs stand-in. */
    private static final class ParseOnlyContext extends ELContext {

        private static final Method ANY_FUNCTION;

        static {
            try {
                ANY_FUNCTION = ParseOnlyContext.class.getDeclaredMethod("anyFunction", Object[].class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }

        private final ELResolver resolver;

        ParseOnlyContext(ELResolver resolver) {
            this.resolver = resolver;
        }

        @SuppressWarnings("unused")
        private static Object anyFunction(Object... args) {
            return null;
        }

        @Override
        public ELResolver getELResolver() {
            return resolver;
        }

        @Override
        public FunctionMapper getFunctionMapper() {
            return new FunctionMapper() {
                @Override
                public Method resolveFunction(String prefix, String localName) {
                    return ANY_FUNCTION;
                }
            };
        }

        @Override
        public VariableMapper getVariableMapper() {
            return null;
        }
    }
}

package dev.paddock.worker.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.lib.tag.ElseTag;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.tuple.Pair;

/**
 * {@code {% for %}} with Jinja2's semantics where Jinjava's differ:
 * <ul>
 * <li>the loop filter, {@code {% for key, val in tool.items() if key != "return" %}} (Mistral),
 * applied before the loop runs, so {@code loop.last} and {@code loop.index} count kept items;</li>
 * <li>each iteration has a scope of its own: a {@code set} in one iteration is gone in the next;</li>
 * <li>{@code {% else %}} renders when there is nothing to iterate (Jinjava would render it inside
 * every iteration);</li>
 * <li>{@code loop.previtem} and {@code loop.nextitem}; a string iterates by character and a dict
 * by key.</li>
 * </ul>
 */
final class PythonForTag extends ForTag {

    private static final long serialVersionUID = 1L;

    @Override
    @SuppressWarnings("try")
    public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
        Pair<List<String>, String> varsAndExpression = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
        List<String> loopVars = varsAndExpression.getLeft();
        String expression = varsAndExpression.getRight();
        int condition = topLevelIf(expression);
        String iterable = condition < 0 ? expression : expression.substring(0, condition);
        List<Object> items = Values.pythonList(interpreter.resolveELExpression(iterable, tagNode.getLineNumber()));
        if (condition >= 0) {
            items = keep(interpreter, loopVars, items, expression.substring(condition + 2), tagNode.getLineNumber());
        }

        List<Node> children = tagNode.getChildren();
        int elseAt = 0;
        while (elseAt < children.size()
                && !(children.get(elseAt) instanceof TagNode tag && tag.getTag() instanceof ElseTag)) {
            elseAt++;
        }
        StringBuilder out = new StringBuilder();
        if (items.isEmpty()) {
            render(children.subList(Math.min(elseAt + 1, children.size()), children.size()), interpreter, null, out);
            return out.toString();
        }
        List<Node> body = children.subList(0, elseAt);
        PythonLoop loop = new PythonLoop(items);
        try (InterpreterScopeClosable loopScope = interpreter.enterScope()) {
            interpreter.getContext().put(LOOP, loop);
            while (loop.hasNext()) {
                Object item = interpreter.wrap(loop.next());
                try (InterpreterScopeClosable iterationScope = interpreter.enterScope()) {
                    bind(interpreter, loopVars, item);
                    render(body, interpreter, loop, out);
                }
            }
        }
        return out.toString();
    }

    private static void render(List<Node> nodes, JinjavaInterpreter interpreter, PythonLoop loop, StringBuilder out) {
        for (Node node : nodes) {
            out.append(node.render(interpreter).getValue());
            if (loop != null && loop.isContinued()) {
                return;
            }
        }
    }

    /** The items for which {@code test} holds, evaluated with the loop variables bound (but no {@code loop}). */
    @SuppressWarnings("try")
    private static List<Object> keep(JinjavaInterpreter interpreter, List<String> loopVars, List<Object> items,
            String test, int line) {
        List<Object> kept = new ArrayList<>();
        for (Object item : items) {
            try (InterpreterScopeClosable scope = interpreter.enterScope()) {
                bind(interpreter, loopVars, interpreter.wrap(item));
                if (ObjectTruthValue.evaluate(interpreter.resolveELExpression(test, line))) {
                    kept.add(item);
                }
            }
        }
        return kept;
    }

    /** Binds the loop variables: one value, or a pair or list unpacked. */
    private static void bind(JinjavaInterpreter interpreter, List<String> loopVars, Object item) {
        if (loopVars.size() == 1) {
            interpreter.getContext().put(loopVars.getFirst(), item);
            return;
        }
        List<?> values = switch (item) {
            case Map.Entry<?, ?> entry -> Arrays.asList(entry.getKey(), entry.getValue());
            case List<?> list -> list;
            case null, default -> List.of();
        };
        for (int i = 0; i < loopVars.size(); i++) {
            interpreter.getContext().put(loopVars.get(i), i < values.size() ? interpreter.wrap(values.get(i)) : null);
        }
    }

    /** Where the loop filter's {@code if} starts: the first {@code if} keyword outside brackets and strings. */
    static int topLevelIf(String expression) {
        int depth = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < expression.length() && expression.charAt(end) != c) {
                    end += expression.charAt(end) == '\\' ? 2 : 1;
                }
                i = end;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && expression.startsWith("if", i) && isWordBoundary(expression, i - 1)
                    && isWordBoundary(expression, i + 2)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isWordBoundary(String s, int index) {
        return index < 0 || index >= s.length() || !(Character.isLetterOrDigit(s.charAt(index)) || s.charAt(index) == '_');
    }
}

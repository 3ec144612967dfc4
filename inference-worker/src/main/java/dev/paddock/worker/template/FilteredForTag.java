package dev.paddock.worker.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter.InterpreterScopeClosable;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.tree.parse.TagToken;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.tuple.Pair;

/**
 * Jinjava's {@code for} plus two Jinja2 behaviours it lacks: the loop filter
 * {@code {% for key, val in tool.items() if key != "return" %}} (Mistral's template), applied before
 * the loop runs so that {@code loop.last} and {@code loop.index} count the kept items only; and
 * iterating a string by character.
 */
final class FilteredForTag extends ForTag {

    private static final long serialVersionUID = 1L;

    @Override
    public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
        Pair<List<String>, String> varsAndExpression = getLoopVarsAndExpression((TagToken) tagNode.getMaster());
        List<String> loopVars = varsAndExpression.getLeft();
        String expression = varsAndExpression.getRight();
        int condition = topLevelIf(expression);
        String iterable = condition < 0 ? expression : expression.substring(0, condition);
        Object collection = interpreter.resolveELExpression(iterable, tagNode.getLineNumber());
        if (collection instanceof String s) {
            collection = s.chars().mapToObj(c -> String.valueOf((char) c)).toList();
        }
        if (condition >= 0) {
            collection = keep(interpreter, loopVars, collection, expression.substring(condition + 2),
                tagNode.getLineNumber());
        }
        return renderForCollection(tagNode, interpreter, loopVars, collection);
    }

    /** The items for which {@code test} holds, evaluated with the loop variables bound (but no {@code loop}). */
    private static List<Object> keep(JinjavaInterpreter interpreter, List<String> loopVars, Object collection,
            String test, int line) {
        List<Object> kept = new ArrayList<>();
        ForLoop items = ObjectIterator.getLoop(collection);
        try (InterpreterScopeClosable scope = interpreter.enterScope()) {
            while (items.hasNext()) {
                Object item = items.next();
                bind(interpreter, loopVars, interpreter.wrap(item));
                if (ObjectTruthValue.evaluate(interpreter.resolveELExpression(test, line))) {
                    kept.add(item);
                }
            }
        }
        return kept;
    }

    /** Binds the loop variables the way ForTag does: one value, or a pair or list unpacked. */
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
            interpreter.getContext().put(loopVars.get(i), i < values.size() ? values.get(i) : null);
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

package dev.paddock.worker.template;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.Collection;
import java.util.Map;
import jinjava.de.odysseus.el.misc.NumberOperations;
import jinjava.de.odysseus.el.misc.TypeConverter;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;

/**
 * Binary operators with Python's meaning where Jinjava's differs in ways that reach a prompt:
 * {@code +} with an undefined or None operand fails (Jinjava would splice in the text
 * {@code "null"}), {@code a and b} gives the deciding operand rather than a boolean, {@code ~}
 * and {@code +} print values with Python's {@code str()}, and {@code '-' * 3} repeats a string.
 */
final class PythonOperators {

    /** {@code +}: as Jinjava adds strings, lists, dicts and numbers, but never None. */
    static final AstBinary.Operator ADD = new AdditionOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            if (left == null || right == null) {
                throw new IllegalArgumentException("unsupported operand for +: an undefined value or None ("
                    + PythonValues.repr(left) + " + " + PythonValues.repr(right) + ")");
            }
            if ((left instanceof String && !isContainer(right)) || (right instanceof String && !isContainer(left))) {
                return PythonValues.str(left) + PythonValues.str(right);
            }
            return super.apply(converter, left, right);
        }
    };

    /** {@code ~}: both sides through {@code str()}; undefined prints as nothing. */
    static final AstBinary.Operator CONCAT = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            return (left == null ? "" : PythonValues.str(left)) + (right == null ? "" : PythonValues.str(right));
        }
    };

    /** {@code and}: the left operand if it is falsy, else the right one, evaluated only then. */
    static final AstBinary.Operator AND = (Bindings bindings, ELContext context, AstNode left, AstNode right) -> {
        Object value = left.eval(bindings, context);
        return ObjectTruthValue.evaluate(value) ? right.eval(bindings, context) : value;
    };

    /** {@code *}: repeats a string by an integer, else multiplies numbers. */
    static final AstBinary.Operator MUL = new AstBinary.SimpleOperator() {
        @Override
        protected Object apply(TypeConverter converter, Object left, Object right) {
            if (left instanceof String s && isInteger(right)) {
                return s.repeat(Math.max(0, ((Number) right).intValue()));
            }
            if (right instanceof String s && isInteger(left)) {
                return s.repeat(Math.max(0, ((Number) left).intValue()));
            }
            return NumberOperations.mul(converter, left, right);
        }
    };

    private PythonOperators() {
    }

    /** The Python version of {@code operator}, or {@code operator} itself. */
    static AstBinary.Operator replace(AstBinary.Operator operator) {
        if (operator == AdditionOperator.OP) {
            return ADD;
        }
        if (operator == AstBinary.AND) {
            return AND;
        }
        return operator == AstBinary.MUL ? MUL : operator;
    }

    private static boolean isContainer(Object value) {
        return value instanceof Collection || value instanceof Map;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }
}

package dev.paddock.worker.template;

import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava's expression parser with {@link PythonOperators} in place of its {@code +},
 * {@code and}, {@code *} and {@code ~}. Jinjava builds these operators into its parser; the parser
 * is the one place they can be swapped.
 */
final class PythonExpressionFactory {

    private PythonExpressionFactory() {
    }

    static ExpressionFactory create() {
        // the features and cache size of Jinjava's own factory (JUEL's JEE6 profile)
        PythonSyntaxBuilder builder = new PythonSyntaxBuilder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS);
        return new ExpressionFactoryImpl(new TreeStore(builder, new Cache(1000)), new TruthyTypeConverter());
    }

    private static final class PythonSyntaxBuilder extends ExtendedSyntaxBuilder {

        private static final long serialVersionUID = 1L;

        PythonSyntaxBuilder(Builder.Feature... features) {
            super(features);
        }

        @Override
        protected Parser createParser(String expression) {
            return new PythonParser(this, expression);
        }
    }

    private static final class PythonParser extends ExtendedParser {

        PythonParser(Builder builder, String input) {
            super(builder, input);
            putExtensionHandler(StringConcatOperator.TOKEN, new ExtensionHandler(ExtensionPoint.ADD) {
                @Override
                public AstNode createAstNode(AstNode... children) {
                    return new AstBinary(children[0], children[1], PythonOperators.CONCAT);
                }
            });
        }

        @Override
        protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
            return super.createAstBinary(left, right, PythonOperators.replace(operator));
        }
    }
}

/**
 * User-written expressions: a hand-written parser to an immutable syntax tree ({@link
 * dev.descent.expression.ExpressionParser}, {@link dev.descent.expression.Node}), compiled once to a
 * flat instruction tape ({@link dev.descent.expression.CompiledExpression}) with constant folding
 * and shared common subexpressions, and evaluated without allocation by an {@link
 * dev.descent.expression.Evaluator}: value, gradient by reverse mode, exact Hessian by forward over
 * reverse mode. No scripting engine, no reflection: the only operations are the ones listed in
 * {@link dev.descent.expression.Function} and the five arithmetic operators.
 */
package dev.descent.expression;

/**
 * User-written expressions: a hand-written parser to an immutable syntax tree ({@link
 * dev.descent.expression.ExpressionParser}, {@link dev.descent.expression.Node}), compiled once to a
 * flat instruction tape ({@link dev.descent.expression.CompiledExpression}) with constant folding
 * and shared common subexpressions, and evaluated without allocation by an {@link
 * dev.descent.expression.Evaluator}: value, gradient by reverse mode, exact Hessian by forward over
 * reverse mode. Values and gradients run as JVM bytecode generated from the tape (with ASM, one
 * hidden class per expression, {@code BytecodeCompiler}), with results identical bit for bit to the
 * tape interpreter, which stays for Hessians, empty or very long tapes, and
 * {@code -Ddescent.expression.bytecode=false}. No scripting engine, no reflection on user input: the
 * only operations are the ones listed in {@link dev.descent.expression.Function} and the five
 * arithmetic operators, and generated code contains nothing else.
 */
package dev.descent.expression;

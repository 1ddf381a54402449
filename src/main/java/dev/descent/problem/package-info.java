/**
 * Objectives: the {@link dev.descent.problem.Problem} contract (value, gradient and, where it can,
 * Hessian into caller-owned arrays), the request records that describe each problem type, and
 * their implementations: quadratics, linear least squares, logistic regression, test functions.
 */
package dev.descent.problem;

/**
 * Problem tools: a gradient check against centered differences, and the local analysis of an
 * objective at a point (Hessian spectrum, conditioning, convexity where it can be decided, and the
 * step sizes and momentum that follow from them).
 */
package dev.descent.analysis;

/**
 * Numeric kernels on {@code double[]}: vector operations and dense products written over primitive
 * arrays without allocation; decompositions come from EJML.
 */
package dev.descent.linalg;

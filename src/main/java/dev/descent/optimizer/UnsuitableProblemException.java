package dev.descent.optimizer;

/**
 * The problem is outside what a solver can do (a matrix that is not positive definite for Cholesky,
 * singular for LU, rank deficient for QR, with a zero diagonal for Jacobi). Thrown from a step, it
 * ends the job as FAILED with this message.
 */
public final class UnsuitableProblemException extends RuntimeException {
    public UnsuitableProblemException(String message) {
        super(message, null, false, false);
    }
}

package dev.descent.optimizer;

import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.ProblemSpec;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;

/** Checks shared by the direct solvers: they hold dense matrices. */
final class DirectSolverSpec {
    private DirectSolverSpec() {}

    static void checkDense(Violations violations, ProblemSpec problem, Limits limits, String name) {
        violations.check(problem.dimension() <= limits.maxDenseHessianDimension(), "type",
                name + " factors a dense matrix with n columns; the problem dimension " + problem.dimension()
                        + " exceeds descent.limits.max-dense-hessian-dimension (" + limits.maxDenseHessianDimension() + ")");
    }

    static boolean leastSquares(ProblemSpec problem) {
        return problem instanceof LinearLeastSquaresSpec;
    }
}

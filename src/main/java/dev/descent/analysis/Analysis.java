package dev.descent.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.spec.Describe;
import java.util.List;

/**
 * The local picture of an objective at a point. Fields that do not apply (a step size for a
 * Hessian with no positive eigenvalue, momentum for a non-quadratic) are null and {@code notes}
 * says why.
 */
@Describe("Curvature, conditioning and step sizes of an objective at a point")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Analysis(
        @Describe("Number of variables") int dimension,
        @Describe("f at the point") double value,
        @Describe("∇f at the point") double[] gradient,
        @Describe("‖∇f‖₂") double gradientNorm,
        @Describe("∇²f as rows, up to dimension " + ProblemAnalysis.MAX_HESSIAN_IN_RESPONSE + "; null above")
        double[][] hessian,
        @Describe("How the eigenvalues were found") String method,
        @Describe("Smallest eigenvalue of the Hessian") Double minEigenvalue,
        @Describe("Largest eigenvalue of the Hessian") Double maxEigenvalue,
        @Describe("λmax/λmin when λmin > 0; null otherwise") Double conditionNumber,
        @Describe("Whether the objective is convex everywhere: decided for quadratics and linear least squares (by the "
                + "eigenvalues of their constant Hessian), logistic regression (always), the sphere; null when undecidable")
        Boolean convex,
        @Describe("Whether it is strongly convex everywhere, where decidable (quadratics with λmin > 0, logistic "
                + "regression with l2 > 0); null when undecidable") Boolean stronglyConvex,
        @Describe("Whether the Hessian at this point is positive semidefinite") Boolean locallyConvex,
        @Describe("L = λmax, the gradient's Lipschitz constant for a quadratic; the local curvature bound otherwise")
        Double lipschitzConstant,
        @Describe("1/L: the best fixed step of gradient descent on a quadratic") Double bestStep,
        @Describe("2/L: fixed gradient steps at or above this diverge on a quadratic") Double maxStableStep,
        @Describe("Quadratics: the heavy-ball momentum ((√κ − 1)/(√κ + 1))² of Polyak 1964") Double optimalMomentum,
        @Describe("Quadratics: the heavy-ball step 4/(√L + √μ)² that goes with optimalMomentum")
        Double optimalMomentumStep,
        @Describe("Why a field is null, and caveats") List<String> notes) {}

package dev.descent.api;

import dev.descent.analysis.Analysis;
import dev.descent.analysis.GradientCheck;
import dev.descent.analysis.ProblemAnalysis;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Gradient check and local analysis of any problem a job accepts, answered at once (no job). */
@RestController
@RequestMapping("/api/v1/problems")
@Tag(name = "Problem tools", description = "Check a problem's gradient; analyze its curvature at a point")
class ProblemToolsController {
    static final String ROSENBROCK = """
            {"problem": {"type": "expression", "objective": "(1-x)^2 + 100*(y-x^2)^2", "variables": ["x", "y"]},
             "point": [-1.2, 1]}""";
    static final String QUADRATIC = """
            {"problem": {"type": "quadratic", "diagonal": [1, 10, 100]}, "point": [0, 0, 0]}""";

    private final ProblemAnalysis analysis;

    ProblemToolsController(ProblemAnalysis analysis) {
        this.analysis = analysis;
    }

    @Operation(summary = "Compare the analytic gradient with centered differences",
            description = "Step per coordinate hᵢ = ∛ε·max(1, |xᵢ|); relative error |a − n| / max(1, |a|, |n|); `ok` when "
                    + "the largest is at most 1e-6. At most " + ProblemAnalysis.MAX_GRADIENT_CHECK_DIMENSION
                    + " variables (two evaluations each).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ProblemPointRequest.class),
                    examples = @ExampleObject(name = "rosenbrock as an expression", value = ROSENBROCK))))
    @ApiResponse(responseCode = "200", description = "The comparison")
    @ApiResponse(responseCode = "400", description = "Invalid problem or point, or an objective that is not finite there",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(value = "/gradient-check", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    GradientCheck gradientCheck(@Valid @RequestBody ProblemPointRequest request) {
        return analysis.gradientCheck(request.problem(), request.point());
    }

    @Operation(summary = "Curvature, conditioning, convexity and step sizes at a point",
            description = "Up to dimension " + ProblemAnalysis.MAX_DENSE_DIMENSION + " the Hessian's eigenvalues come from "
                    + "a dense symmetric eigendecomposition (the matrix itself is returned up to dimension "
                    + ProblemAnalysis.MAX_HESSIAN_IN_RESPONSE + "); above, from power iteration on finite-difference "
                    + "Hessian-vector products (`method` says which). L = λmax, bestStep = 1/L, maxStableStep = 2/L; "
                    + "for quadratics the heavy-ball optimalMomentum ((√κ−1)/(√κ+1))² with optimalMomentumStep "
                    + "4/(√L+√μ)². Fields that do not apply are null and `notes` says why.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ProblemPointRequest.class),
                    examples = {@ExampleObject(name = "ill-conditioned diagonal quadratic", value = QUADRATIC),
                            @ExampleObject(name = "rosenbrock as an expression", value = ROSENBROCK)})))
    @ApiResponse(responseCode = "200", description = "The analysis")
    @ApiResponse(responseCode = "400", description = "Invalid problem or point, or an objective that is not finite there",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping(value = "/analyze", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Analysis analyze(@Valid @RequestBody ProblemPointRequest request) {
        return analysis.analyze(request.problem(), request.point());
    }
}

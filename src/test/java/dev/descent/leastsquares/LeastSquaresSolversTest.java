package dev.descent.leastsquares;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.descent.engine.RecordingSpec;
import dev.descent.engine.Run;
import dev.descent.engine.RunControl;
import dev.descent.engine.RunListener;
import dev.descent.engine.RunOutcome;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.optimizer.UnsuitableProblemException;
import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.NonlinearLeastSquaresSpec;
import dev.descent.problem.Predictors;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.problem.QuadraticSpec;
import dev.descent.problem.RobustLoss;
import dev.descent.schedule.ConstantSchedule;
import dev.descent.schedule.Schedule;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import dev.descent.stopping.StopReason;
import dev.descent.stopping.StoppingSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class LeastSquaresSolversTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static RunOutcome run(ProblemSpec spec, String optimizerJson, double[] start) {
        Violations v = new Violations();
        spec.check(v, Limits.defaults());
        assertThat(v.list()).isEmpty();
        Problem problem = spec.create();
        OptimizerSpec optimizer = JSON.readValue(optimizerJson, OptimizerSpec.class);
        Schedule schedule = new ConstantSchedule(null).build(optimizer.learningRate());
        return new Run(problem, optimizer.create(problem, schedule, 1L), schedule,
                new StoppingSpec(5000L, null, 0.0, null, null, null, null, null, null), RecordingSpec.defaults(),
                new RunControl(), RunListener.NONE).execute(start);
    }

    static final QuadraticSpec SPD = new QuadraticSpec(new double[][] {{4, 1, 0}, {1, 5, 2}, {0, 2, 6}}, null,
            new double[] {1, 2, 3}, null);

    /** Solution of SPD·x = b by Cramer's rule: det = 4·26 − 1·6 = 98. */
    static final double[] SPD_SOLUTION = {(1 * 26 - 1 * (12 - 6)) / 98.0, (4 * (12 - 6) - 1 * 6) / 98.0,
            (4 * (15 - 4) - 1 * (3 - 0) + 1 * 2 - 1 * 1 * 0) / 98.0};

    @ParameterizedTest
    @ValueSource(strings = {"qr", "svd", "cholesky", "lu", "linear-cg", "pcg", "jacobi", "gauss-seidel"})
    void everyLinearSolverSolvesAPositiveDefiniteQuadratic(String type) {
        RunOutcome out = run(SPD, "{\"type\":\"" + type + "\"}", new double[3]);
        double[] residual = new double[3];
        double[][] a = SPD.a();
        for (int i = 0; i < 3; i++) {
            residual[i] = -SPD.b()[i];
            for (int j = 0; j < 3; j++) residual[i] += a[i][j] * out.x()[j];
        }
        assertThat(residual).as(type + " " + out.message()).containsExactly(new double[3], within(1e-9));
        if (List.of("qr", "svd", "cholesky", "lu").contains(type)) {
            assertThat(out.stopReason()).isEqualTo(StopReason.SOLVED);
            assertThat(out.iterations()).isEqualTo(1);
        }
    }

    @Test
    void jacobiOnAMatrixThatIsNotDiagonallyDominantEndsDivergedSayingWhy() {
        // Positive definite (eigenvalues 2.8, 0.1, 0.1), but the Jacobi matrix has spectral radius 1.8.
        QuadraticSpec spec = new QuadraticSpec(new double[][] {{1, 0.9, 0.9}, {0.9, 1, 0.9}, {0.9, 0.9, 1}}, null,
                new double[] {1, 2, 3}, null);
        RunOutcome out = run(spec, "{\"type\":\"jacobi\"}", new double[3]);
        assertThat(out.stopReason()).isEqualTo(StopReason.DIVERGED);
        assertThat(out.message()).contains("not strictly diagonally dominant");
    }

    @Test
    void choleskyRefusesAnIndefiniteQuadratic() {
        QuadraticSpec spec = new QuadraticSpec(new double[][] {{1, 0}, {0, -1}}, null, new double[] {1, 1}, null);
        assertThatThrownBy(() -> run(spec, "{\"type\":\"cholesky\"}", new double[2]))
                .isInstanceOf(UnsuitableProblemException.class).hasMessageContaining("not positive definite");
    }

    static final LinearLeastSquaresSpec RANK_DEFICIENT = new LinearLeastSquaresSpec(
            new double[][] {{1, 2, 1}, {1, 4, 2}, {1, 6, 3}, {1, 8, 4}}, new double[] {1, 2, 2, 4}, null);

    @Test
    void svdReportsTheRankOfADeficientDesignAndQrRefusesIt() {
        RunOutcome out = run(RANK_DEFICIENT, "{\"type\":\"svd\"}", new double[3]);
        assertThat(out.stopReason()).isEqualTo(StopReason.SOLVED);
        assertThat(out.message()).contains("rank 2 of 3").contains("singular values");
        assertThatThrownBy(() -> run(RANK_DEFICIENT, "{\"type\":\"qr\"}", new double[3]))
                .isInstanceOf(UnsuitableProblemException.class).hasMessageContaining("rank deficient");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear-cg", "pcg", "gauss-seidel", "levenberg-marquardt", "gauss-newton", "cholesky", "svd"})
    void ridgeRegressionAgreesWithQr(String type) {
        LinearLeastSquaresSpec spec = new LinearLeastSquaresSpec(
                new double[][] {{1, 0.5}, {1, 1.5}, {1, 2}, {1, 3.5}, {1, 4}}, new double[] {1, 2.2, 2.9, 5.1, 6}, 0.3);
        double[] reference = run(spec, "{\"type\":\"qr\"}", new double[2]).x();
        RunOutcome out = run(spec, "{\"type\":\"" + type + "\"}", new double[2]);
        assertThat(out.x()).as(out.message()).containsExactly(reference, within(1e-8));
    }

    static NonlinearLeastSquaresSpec line(RobustLoss loss) {
        // y = 1 + 2x with one gross outlier at x = 5.
        return new NonlinearLeastSquaresSpec("a + b*x", List.of("a", "b"), null,
                Predictors.ofValues(0, 1, 2, 3, 4, 5, 6, 7), new double[] {1, 3, 5, 7, 9, 40, 13, 15}, null, loss, 1.0);
    }

    @ParameterizedTest
    @EnumSource(value = RobustLoss.class, names = {"HUBER", "SOFT_L1", "CAUCHY", "ARCTAN"})
    void robustLossesDiscountAnOutlierThatPullsPlainLeastSquares(RobustLoss loss) {
        double[] plain = run(line(RobustLoss.LINEAR), "{\"type\":\"levenberg-marquardt\"}", new double[] {1, 1}).x();
        double[] robust = run(line(loss), "{\"type\":\"levenberg-marquardt\"}", new double[] {1, 1}).x();
        assertThat(Math.abs(robust[1] - 2)).as(loss.name()).isLessThan(Math.abs(plain[1] - 2) / 2);
    }

    @ParameterizedTest
    @EnumSource(RobustLoss.class)
    void gradientAndHessianMatchCenteredDifferences(RobustLoss loss) {
        NonlinearLeastSquaresSpec spec = new NonlinearLeastSquaresSpec("a*exp(-k*x) + c", List.of("a", "k", "c"),
                null, Predictors.ofValues(0, 0.5, 1, 2, 3, 4), new double[] {5.1, 3.2, 2.0, 1.1, 0.4, 0.6},
                new double[] {1, 2, 1, 0.5, 1, 1}, loss, 0.7);
        Problem p = spec.create();
        double[] x = {4.0, 0.8, 0.3}, g = new double[3], h = new double[9], gp = new double[3], gm = new double[3];
        p.valueAndGradient(x, g);
        p.hessian(x, h);
        for (int j = 0; j < 3; j++) {
            double step = 1e-6 * Math.max(1, Math.abs(x[j]));
            double[] xp = x.clone(), xm = x.clone();
            xp[j] += step;
            xm[j] -= step;
            assertThat(g[j]).isCloseTo((p.value(xp) - p.value(xm)) / (2 * step), within(1e-6 * Math.max(1, Math.abs(g[j]))));
            p.valueAndGradient(xp, gp);
            p.valueAndGradient(xm, gm);
            for (int i = 0; i < 3; i++) {
                assertThat(h[i * 3 + j]).isCloseTo((gp[i] - gm[i]) / (2 * step), within(1e-5 * Math.max(1, Math.abs(h[i * 3 + j]))));
            }
        }
    }

    @Test
    void levenbergScalingAlsoReachesMisra1a() {
        Nist.Nonlinear misra = Nist.nonlinear().get(0);
        NonlinearLeastSquaresSpec spec = new NonlinearLeastSquaresSpec(misra.model(), misra.parameters(), null,
                Predictors.ofRows(misra.x()), misra.y(), null, null, null);
        RunOutcome out = run(spec, "{\"type\":\"levenberg-marquardt\",\"scaling\":\"levenberg\"}", misra.starts()[1].clone());
        assertThat(Nist.lre(out.x(), misra.certified())).as(out.message()).isGreaterThan(6);
    }

    @Test
    void aModelConstantInAParameterIsReportedNotLoopedOn() {
        NonlinearLeastSquaresSpec spec = new NonlinearLeastSquaresSpec("a*exp(-k*x) + 0*c", List.of("a", "k", "c"), null,
                Predictors.ofValues(0, 1, 2, 3), new double[] {2, 1.2, 0.7, 0.45}, null, null, null);
        RunOutcome out = run(spec, "{\"type\":\"levenberg-marquardt\"}", new double[] {1, 1, 1});
        assertThat(out.iterations()).isLessThan(100);
        Map<String, Object> details = spec.create().describe(out.x());
        assertThat(details.get("unidentifiableParameters")).isEqualTo(List.of("c"));
        assertThat(details.get("jacobianRank")).isEqualTo(2);
        assertThat(details).doesNotContainKey("parameterStandardErrors");
    }

    @Test
    void specChecksShapesNamesAndCounts() {
        NonlinearLeastSquaresSpec spec = new NonlinearLeastSquaresSpec("a*u", List.of("a", "u", "a"), List.of("u"),
                Predictors.ofValues(1, 2), new double[] {1}, new double[] {1, -1}, null, null);
        Violations v = new Violations();
        spec.check(v, Limits.defaults());
        assertThat(v.list()).extracting(FieldViolation::field)
                .contains("parameters[2]", "variables[0]", "y", "weights[1]");
    }

    @Test
    void xIsReadAsValuesOrRowsAndWrittenBackTheSameWay() {
        String values = "{\"type\":\"nonlinear-least-squares\",\"model\":\"a*x\",\"parameters\":[\"a\"],\"x\":[1.0,2.0],\"y\":[2.0,4.0]}";
        ProblemSpec spec = JSON.readValue(values, ProblemSpec.class);
        assertThat(JSON.writeValueAsString(spec)).contains("\"x\":[1.0,2.0]");
        String rows = "{\"type\":\"nonlinear-least-squares\",\"model\":\"a*u*v\",\"parameters\":[\"a\"],"
                + "\"variables\":[\"u\",\"v\"],\"x\":[[1.0,2.0],[3.0,4.0]],\"y\":[2.0,4.0]}";
        ProblemSpec second = JSON.readValue(rows, ProblemSpec.class);
        assertThat(JSON.writeValueAsString(second)).contains("\"x\":[[1.0,2.0],[3.0,4.0]]");
        NonlinearLeastSquaresSpec back = (NonlinearLeastSquaresSpec) JSON.readValue(JSON.writeValueAsString(second), ProblemSpec.class);
        assertThat(back.x()).isEqualTo(((NonlinearLeastSquaresSpec) second).x());
    }
}

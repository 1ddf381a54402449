package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.problem.Problem;
import dev.descent.problem.QuadraticSpec;
import org.junit.jupiter.api.Test;

/**
 * Plain {@code gd} with a constant rate on f = ½Σλᵢxᵢ², λ from μ = 1 to L = 100 (κ = 100). Each
 * eigencomponent of the error evolves as eᵢ ← (1 − ηλᵢ)·eᵢ, so the textbook rates can be measured
 * exactly, one coordinate at a time.
 */
class GradientDescentRatesTest {
    private static final double MU = 1, L = 100, KAPPA = L / MU;
    private static final double[] EIGENVALUES = {MU, 3, 10, 30, L};

    private static Iterate runGd(double eta, int steps, double[][] history) {
        Problem p = new QuadraticSpec(null, EIGENVALUES, null, null).create();
        Optimizer gd = new GdSpec(eta, null, null, null, null, null).create(p, k -> eta, 0);
        Iterate it = TestProblems.start(p, new double[] {1, 1, 1, 1, 1});
        history[0] = it.x().clone();
        for (int k = 1; k <= steps; k++) {
            assertThat(gd.step(it, k)).isNull();
            history[k] = it.x().clone();
        }
        return it;
    }

    @Test
    void stepOneOverLContractsTheSlowestComponentByOneMinusOneOverKappa() {
        int steps = 50;
        double[][] x = new double[steps + 1][];
        runGd(1 / L, steps, x);
        for (int k = 1; k <= steps; k++) {
            // The minimiser is 0, so x is the error; coordinate 0 is the slowest eigenvector.
            assertThat(x[k][0] / x[k - 1][0]).isCloseTo((KAPPA - 1) / KAPPA, within(1e-12));
            assertThat(x[k][4]).isZero();   // 1 − ηL = 0: the fastest component is gone in one step
        }
    }

    @Test
    void stepTwoOverMuPlusLContractsTheWholeErrorByKappaMinusOneOverKappaPlusOne() {
        // The (κ−1)/(κ+1) rate belongs to η = 2/(μ + L), the step that balances both ends of the spectrum.
        int steps = 50;
        double[][] x = new double[steps + 1][];
        runGd(2 / (MU + L), steps, x);
        double rate = (KAPPA - 1) / (KAPPA + 1);
        for (int k = 1; k <= steps; k++) {
            assertThat(x[k][0] / x[k - 1][0]).isCloseTo(rate, within(1e-12));
            assertThat(x[k][4] / x[k - 1][4]).isCloseTo(-rate, within(1e-12));
            assertThat(norm(x[k]) / norm(x[k - 1])).isLessThanOrEqualTo(rate + 1e-12);
        }
    }

    @Test
    void stepAboveTwoOverLDivergesAtTheGrowthFactorOfTheFastestComponent() {
        int steps = 200;
        double eta = 2.02 / L, growth = Math.abs(1 - eta * L);
        assertThat(growth).isGreaterThan(1);
        double[][] x = new double[steps + 1][];
        Iterate it = runGd(eta, steps, x);
        for (int k = 1; k <= steps; k++) {
            assertThat(x[k][4] / x[k - 1][4]).isCloseTo(-growth, within(1e-12));
        }
        assertThat(Math.abs(x[steps][4])).isGreaterThan(50);   // 1.02²⁰⁰ ≈ 52
        assertThat(it.f()).isGreaterThan(100);
    }

    @Test
    void stepJustBelowTwoOverLStillConverges() {
        int steps = 2000;
        double[][] x = new double[steps + 1][];
        runGd(1.98 / L, steps, x);
        assertThat(norm(x[steps])).isLessThan(1e-6);
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        return Math.sqrt(s);
    }
}

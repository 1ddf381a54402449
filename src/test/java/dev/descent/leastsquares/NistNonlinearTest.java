package dev.descent.leastsquares;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RecordingSpec;
import dev.descent.engine.Run;
import dev.descent.engine.RunControl;
import dev.descent.engine.RunListener;
import dev.descent.engine.RunOutcome;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.NonlinearLeastSquaresSpec;
import dev.descent.problem.Predictors;
import dev.descent.problem.Problem;
import dev.descent.schedule.ConstantSchedule;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import dev.descent.stopping.StoppingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NIST StRD nonlinear regression: all 27 problems from both certified starts, fitted by the
 * default optimizer of a nonlinear-least-squares job (Levenberg-Marquardt with its defaults) through
 * the same spec → problem → optimizer → run loop as a job, with the job's default stopping rules.
 */
class NistNonlinearTest {

    record Outcome(Nist.Nonlinear problem, int start, RunOutcome run, double lre, double rssLre, double errorsLre) {}

    static Outcome fit(Nist.Nonlinear p, int start, StoppingSpec stopping) {
        NonlinearLeastSquaresSpec spec = new NonlinearLeastSquaresSpec(p.model(), p.parameters(), p.variables(),
                Predictors.ofRows(p.x()), p.y(), null, null, null);
        Violations v = new Violations();
        spec.check(v, Limits.defaults());
        assertThat(v.list()).as(p.name()).isEmpty();
        Problem problem = spec.create();
        OptimizerSpec optimizer = OptimizerSpec.defaultFor(spec);
        Schedule schedule = new ConstantSchedule(null).build(optimizer.learningRate());
        RunOutcome out = new Run(problem, optimizer.create(problem, schedule, 1L), schedule, stopping,
                RecordingSpec.defaults(), new RunControl(), RunListener.NONE).execute(p.starts()[start].clone());
        Map<String, Object> details = problem.describe(out.x());
        double rss = (Double) details.get("residualSumOfSquares");
        double[] errors = (double[]) details.get("parameterStandardErrors");
        return new Outcome(p, start, out, Nist.lre(out.x(), p.certified()), Nist.lre(rss, p.certifiedRss()),
                errors == null ? 0 : Nist.lre(errors, p.certifiedErrors()));
    }

    @Test
    void levenbergMarquardtMatchesCertifiedParametersFromBothStarts() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Nist.Nonlinear p : Nist.nonlinear()) {
            for (int s = 0; s < 2; s++) outcomes.add(fit(p, s, new StoppingSpec(null, null, 0.0, null, null, null, null, null, null)));
        }
        double sum = 0;
        for (Outcome o : outcomes) {
            sum += o.lre();
            System.out.println(String.format(Locale.ROOT, "%-10s s%d LRE %5.1f rss %5.1f se %5.1f it %4d fe %5d %s %s",
                    o.problem().name(), o.start() + 1, o.lre(), o.rssLre(), o.errorsLre(), o.run().iterations(),
                    o.run().functionEvaluations(), o.run().stopReason(), o.run().message()));
        }
        System.out.println("mean " + sum / outcomes.size());
    }
}

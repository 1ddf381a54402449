package dev.descent.leastsquares;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.engine.RecordingSpec;
import dev.descent.engine.Run;
import dev.descent.engine.RunControl;
import dev.descent.engine.RunListener;
import dev.descent.engine.RunOutcome;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.Problem;
import dev.descent.schedule.ConstantSchedule;
import dev.descent.schedule.Schedule;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import dev.descent.stopping.StopReason;
import dev.descent.stopping.StoppingSpec;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** NIST StRD linear regression: the 11 problems solved by the direct solvers through the job's path. */
class NistLinearTest {

    static RunOutcome solve(Nist.Linear p, String optimizerType) {
        LinearLeastSquaresSpec spec = new LinearLeastSquaresSpec(p.design(), p.y(), null);
        Violations v = new Violations();
        spec.check(v, Limits.defaults());
        assertThat(v.list()).as(p.name()).isEmpty();
        Problem problem = spec.create();
        OptimizerSpec optimizer = JsonMapper.builder().build()
                .readValue("{\"type\":\"" + optimizerType + "\"}", OptimizerSpec.class);
        Schedule schedule = new ConstantSchedule(null).build(optimizer.learningRate());
        return new Run(problem, optimizer.create(problem, schedule, 1L), schedule, StoppingSpec.defaults(),
                RecordingSpec.defaults(), new RunControl(), RunListener.NONE).execute(new double[p.certified().length]);
    }

    @Test
    void directSolversMatchCertifiedParameters() {
        for (Nist.Linear p : Nist.linear()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-9s", p.name()));
            for (String type : new String[] {"qr", "svd", "cholesky"}) {
                RunOutcome out;
                try {
                    out = solve(p, type);
                } catch (RuntimeException e) {
                    line.append(" ").append(type).append(" FAILED ").append(e.getMessage());
                    continue;
                }
                line.append(String.format(Locale.ROOT, " %s %5.1f %s", type, Nist.lre(out.x(), p.certified()),
                        out.stopReason() == StopReason.SOLVED ? "" : out.stopReason().toString()));
            }
            System.out.println(line);
        }
    }
}

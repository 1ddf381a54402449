package dev.descent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.optimizer.Optimizer;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.schedule.Schedule;
import dev.descent.schedule.ScheduleSpec;
import dev.descent.spec.SpecTypes;
import dev.descent.stopping.StoppingSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run resumed from any checkpoint continues exactly as the uninterrupted run: for every
 * optimizer type (and the stateful schedules) the points after the checkpoint agree bit for bit.
 */
class CheckpointTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final long STEPS = 60, AT = 23;

    record Recorded(List<double[]> points, List<Checkpoint> checkpoints, RunOutcome outcome) {}

    static Recorded run(Problem problem, Optimizer optimizer, Schedule schedule, double[] start, Checkpoint from) {
        List<double[]> points = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        RunListener listener = new RunListener() {
            public void point(long k, double f, double g, double lr, double ms, double[] x, boolean last) {
                if (!last) points.add(new double[] {k, f, g, lr, x[0], x[x.length - 1]});
            }

            public void progress(Progress p) {}

            public void checkpoint(Checkpoint c) {
                checkpoints.add(c);
            }
        };
        StoppingSpec stopping = new StoppingSpec(STEPS, null, 0.0, null, null, null, null, null, 1e300);
        Run run = new Run(problem, optimizer, schedule, stopping, new RecordingSpec(1L, true), new RunControl(), listener)
                .checkpointEvery(Duration.ofNanos(1));
        RunOutcome outcome = from == null ? run.execute(start) : run.resume(from);
        return new Recorded(points, checkpoints, outcome);
    }

    static Stream<Arguments> everyOptimizer() {
        String rosenbrock = "{\"type\": \"function\", \"name\": \"rosenbrock\"}";
        String logistic = "{\"type\": \"logistic-regression\", \"features\": [[0.5], [1], [1.5], [2], [2.5], [3], [3.5], [4]],"
                + " \"labels\": [0, 0, 1, 0, 1, 0, 1, 1], \"l2\": 0.1}";
        List<Arguments> out = new ArrayList<>();
        String fit = "{\"type\": \"nonlinear-least-squares\", \"model\": \"b1*(1-exp(-b2*x))\", \"parameters\": [\"b1\", \"b2\"],"
                + " \"x\": [77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8], \"y\": [10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02]}";
        String quadratic = "{\"type\": \"quadratic\", \"a\": [[4, 1, 0], [1, 3, 1], [0, 1, 2]], \"b\": [1, 2, 3]}";
        for (var e : SpecTypes.subtypes(OptimizerSpec.class).entrySet()) {
            String type = e.getKey();
            var needs = SpecTypes.requires(e.getValue());
            String problem = needs.contains(dev.descent.spec.Capability.LEAST_SQUARES) ? fit
                    : needs.contains(dev.descent.spec.Capability.QUADRATIC) ? quadratic : rosenbrock;
            String optimizer = switch (type) {
                case "gd", "sgd", "momentum", "nesterov" -> "{\"type\": \"" + type + "\", \"learningRate\": 0.0005}";
                case "random-search" -> "{\"type\": \"random-search\", \"learningRate\": 0.05}";
                default -> "{\"type\": \"" + type + "\"}";
            };
            out.add(Arguments.of(type, problem, optimizer, "{\"type\": \"constant\"}"));
        }
        out.add(Arguments.of("sgd minibatches", logistic, "{\"type\": \"sgd\", \"learningRate\": 0.1, \"batchSize\": 3}",
                "{\"type\": \"constant\"}"));
        out.add(Arguments.of("adam one-cycle", rosenbrock, "{\"type\": \"adam\"}",
                "{\"type\": \"one-cycle\", \"maxLearningRate\": 0.05, \"totalSteps\": 60}"));
        out.add(Arguments.of("rmsprop reduce-on-plateau", rosenbrock, "{\"type\": \"rmsprop\"}",
                "{\"type\": \"reduce-on-plateau\", \"patience\": 2, \"threshold\": 0.5}"));
        out.add(Arguments.of("momentum cosine warm-up", rosenbrock, "{\"type\": \"momentum\", \"learningRate\": 0.0005}",
                "{\"type\": \"cosine\", \"decaySteps\": 20, \"warmupSteps\": 5}"));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOptimizer")
    void resumingFromACheckpointContinuesBitForBit(String name, String problemJson, String optimizerJson,
                                                   String scheduleJson) {
        ProblemSpec problemSpec = JSON.readValue(problemJson, ProblemSpec.class);
        OptimizerSpec spec = JSON.readValue(optimizerJson, OptimizerSpec.class);
        ScheduleSpec scheduleSpec = JSON.readValue(scheduleJson, ScheduleSpec.class);
        Problem problem = problemSpec.create();
        Schedule schedule = scheduleSpec.build(spec.learningRate());
        Recorded whole = run(problem, spec.create(problem, schedule, 5), schedule, problem.defaultStart(), null);
        Checkpoint at = whole.checkpoints().stream().filter(c -> c.iteration() == AT).findFirst().orElse(null);
        if (at == null) {
            // The optimizer stopped (converged or halted) before the checkpoint: nothing to resume.
            assertThat(whole.outcome().iterations()).as(name).isLessThan(AT);
            return;
        }
        // The saved state must not depend on the objects of the first run: restore into a fresh problem.
        Problem fresh = problemSpec.create();
        Checkpoint copy = Checkpoint.decode(at.encode());
        RunState.Restored restored = RunState.restore(copy.state(), fresh);
        Recorded resumed = run(fresh, restored.optimizer(), restored.schedule(), null, copy);
        List<double[]> expected = whole.points().stream().filter(p -> p[0] > AT).toList();
        assertThat(resumed.points()).as(name).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(resumed.points().get(i)).as(name + " point " + (long) expected.get(i)[0]).containsExactly(expected.get(i));
        }
        assertThat(resumed.outcome().x()).as(name).containsExactly(whole.outcome().x());
        assertThat(resumed.outcome().functionEvaluations()).isEqualTo(whole.outcome().functionEvaluations());
        assertThat(resumed.outcome().stopReason()).isEqualTo(whole.outcome().stopReason());
    }
}

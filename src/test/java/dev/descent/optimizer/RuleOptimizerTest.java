package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The learning rate folded into x ← x − step·η gives the trajectory of the chain applied stage by stage. */
class RuleOptimizerTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"gd\"}", "{\"type\":\"sgd\",\"momentum\":0.9,\"nesterov\":true}",
            "{\"type\":\"adam\",\"weightDecay\":0.01,\"clipNorm\":0.5}", "{\"type\":\"adamw\"}", "{\"type\":\"nadam\"}",
            "{\"type\":\"rmsprop\",\"momentum\":0.5,\"centered\":true}", "{\"type\":\"momentum\",\"variant\":\"classical\"}"})
    void foldingTheLearningRateIntoTheSubtractionChangesNoBit(String json) {
        OptimizerSpec spec = JSON.readValue(json, OptimizerSpec.class);
        int n = 12;
        Problem problem = SolverFixtures.quadratic(SolverFixtures.spd(n, 50, 3), SolverFixtures.gaussian(n, 4));
        double[] start = SolverFixtures.gaussian(n, 5);
        // A rate that changes every step, so a stale or misplaced rate would show.
        Schedule schedule = t -> 0.05 / (1 + 0.01 * t);
        Optimizer optimizer = spec.create(problem, schedule, 1);
        assertThat(optimizer).isInstanceOf(RuleOptimizer.class);
        Iterate it = TestProblems.start(problem, start);

        // The same recipe stage by stage: rule.update over the whole chain, then x ← x − step.
        UpdateRule<Object> rule = rule(spec, schedule);
        Object state = rule.init(n);
        double[] x = start.clone(), g = new double[n], step = new double[n];
        problem.valueAndGradient(x, g);
        for (long t = 1; t <= 200; t++) {
            optimizer.step(it, t);
            System.arraycopy(g, 0, step, 0, n);
            rule.update(step, state, x, t);
            for (int i = 0; i < n; i++) x[i] -= step[i];
            problem.valueAndGradient(x, g);
            assertThat(it.x()).as("x after step %d", t).containsExactly(x);
        }
    }

    @SuppressWarnings("unchecked")
    private static UpdateRule<Object> rule(OptimizerSpec spec, Schedule schedule) {
        UpdateRule<?> rule;
        if (spec instanceof GdSpec p) rule = Recipes.gd(p, schedule);
        else if (spec instanceof SgdSpec p) rule = Recipes.sgd(p, schedule);
        else if (spec instanceof AdamSpec p) rule = Recipes.adam(p, schedule);
        else if (spec instanceof AdamWSpec p) rule = Recipes.adamw(p, schedule);
        else if (spec instanceof NadamSpec p) rule = Recipes.nadam(p, schedule);
        else if (spec instanceof RmspropSpec p) rule = Recipes.rmsprop(p, schedule);
        else if (spec instanceof MomentumSpec p) rule = Recipes.momentum(p, schedule);
        else throw new IllegalArgumentException(spec.toString());
        return (UpdateRule<Object>) rule;
    }
}

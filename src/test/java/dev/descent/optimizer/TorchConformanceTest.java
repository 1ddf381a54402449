package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.descent.linalg.Vectors;
import dev.descent.schedule.Schedule;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Replays the first-order torch.optim runs (PyTorch 1.13, float64) through the specs' own
 * optimizers and compares x after every step to relative 1e-10, f and ∇f to 1e-10·(1 + |ref|),
 * as shared/conformance/optimizers/README.md prescribes.
 */
class TorchConformanceTest {
    /** L-BFGS runs are compared per torch step() call in {@link LbfgsTest}. */
    private static final Set<String> ELSEWHERE = Set.of("lbfgs_strong_wolfe");

    static Stream<TorchReference> firstOrderRuns() {
        return TorchReference.runs().stream()
                .filter(r -> !ELSEWHERE.contains(r.id()));
    }

    static Stream<TorchReference> sgdRuns() {
        return TorchReference.runs().stream().filter(r -> r.id().startsWith("sgd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("firstOrderRuns")
    void trajectoryMatchesTorchAtEveryStep(TorchReference ref) {
        replay(ref, specFor(ref.id(), ref.group()));
    }

    /** The same SGD runs through the {@code sgd} type, which carries all of torch.optim.SGD's options. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sgdRuns")
    void sgdTypeMatchesTorchAtEveryStep(TorchReference ref) {
        JsonNode p = ref.group();
        replay(ref, new SgdSpec(p.get("lr").asDouble(), p.get("momentum").asDouble(), p.get("dampening").asDouble(),
                p.get("nesterov").asBoolean(), p.get("weight_decay").asDouble(), null, null,
                p.get("maximize").asBoolean(), null));
    }

    private static void replay(TorchReference ref, OptimizerSpec spec) {
        double lr = ref.group().get("lr").asDouble();
        Schedule constant = k -> lr;
        Optimizer optimizer = spec.create(ref.problem(), constant, 0);
        assertThat(optimizer).isInstanceOf(RuleOptimizer.class);

        Iterate it = TestProblems.start(ref.problem(), ref.x0());
        JsonNode records = ref.records();
        assertThat(records.size()).isEqualTo(101);
        for (int k = 1; k < records.size(); k++) {
            optimizer.step(it, k);
            JsonNode rec = records.get(k);
            double[] xRef = TorchReference.vector(rec.get("x"));
            double[] gRef = TorchReference.vector(rec.get("grad"));
            double fRef = rec.get("f").asDouble();
            assertThat(TorchReference.relativeError(it.x(), xRef)).as("x after step %d", k).isLessThanOrEqualTo(1e-10);
            assertThat(Math.abs(it.f() - fRef)).as("f after step %d", k).isLessThanOrEqualTo(1e-10 * (1 + Math.abs(fRef)));
            assertThat(Vectors.distanceInf(it.g(), gRef)).as("gradient after step %d", k)
                    .isLessThanOrEqualTo(1e-10 * (1 + Vectors.normInf(gRef)));
        }
        assertThat(it.functionEvaluations()).isEqualTo(101);
    }

    /** The spec a torch parameter group corresponds to; fails on a run id this test does not know. */
    static OptimizerSpec specFor(String id, JsonNode p) {
        double lr = p.get("lr").asDouble();
        double wd = p.has("weight_decay") ? p.get("weight_decay").asDouble() : 0;
        boolean maximize = p.get("maximize").asBoolean();
        return switch (id) {
            case "sgd" -> {
                assertThat(p.get("momentum").asDouble()).isZero();
                yield new GdSpec(lr, wd, null, null, maximize, null);
            }
            case "sgd_momentum", "sgd_nesterov" -> new MomentumSpec(lr, p.get("momentum").asDouble(),
                    p.get("dampening").asDouble(), p.get("nesterov").asBoolean(), "torch", wd, null, null, maximize, null);
            case "adagrad" -> new AdagradSpec(lr, p.get("lr_decay").asDouble(),
                    p.get("initial_accumulator_value").asDouble(), p.get("eps").asDouble(), wd, null, null, maximize, null);
            case "rmsprop" -> new RmspropSpec(lr, p.get("alpha").asDouble(), p.get("eps").asDouble(),
                    p.get("centered").asBoolean(), p.get("momentum").asDouble(), wd, null, null, maximize, null);
            case "adam" -> new AdamSpec(lr, p.get("betas").get(0).asDouble(), p.get("betas").get(1).asDouble(),
                    p.get("eps").asDouble(), p.get("amsgrad").asBoolean(), true, wd, null, null, maximize, null);
            case "adamw" -> new AdamWSpec(lr, p.get("betas").get(0).asDouble(), p.get("betas").get(1).asDouble(),
                    p.get("eps").asDouble(), p.get("amsgrad").asBoolean(), wd, null, null, maximize, null);
            case "rprop" -> {
                assertThat(p.has("weight_decay")).as("torch 1.13 Rprop has no weight decay").isFalse();
                yield new RpropSpec(lr, p.get("etas").get(0).asDouble(), p.get("etas").get(1).asDouble(),
                        p.get("step_sizes").get(0).asDouble(), p.get("step_sizes").get(1).asDouble(),
                        0.0, null, null, maximize, null);
            }
            default -> fail("torch run %s is neither replayed nor listed as skipped", id);
        };
    }
}

package dev.descent.optimizer;

import dev.descent.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * The named first-order optimizers as chains of rules. Every chain starts with the shared
 * {@link #prefix} in torch's order: clipping acts on {@code .grad} before {@code step()} (torch's
 * {@code clip_grad_*_}), then {@code step()} negates the gradient for {@code maximize} and adds the
 * coupled weight decay. The learning rate is the last stage, except where the rate lives inside
 * the rule (Rprop's step sizes, QuickProp's secant step) or before the velocity (classical momentum).
 * Rules with a momentum coefficient read it through {@link MomentumFactor}, so a one-cycle schedule
 * can drive it.
 */
final class Recipes {
    private Recipes() {}

    static UpdateRule<?> gd(GdSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> sgd(SgdSpec p, Schedule lr) {
        return heavyBall(p, p.momentum(), p.dampening(), p.nesterov(), false, lr);
    }

    static UpdateRule<?> momentum(MomentumSpec p, Schedule lr) {
        return heavyBall(p, p.momentum(), p.dampening(), p.nesterov(), p.variant().equals("classical"), lr);
    }

    static UpdateRule<?> nesterov(NesterovSpec p, Schedule lr) {
        return heavyBall(p, p.momentum(), 0, true, false, lr);
    }

    /**
     * torch's form scales the buffer by the current rate; the classical form traces the already
     * scaled steps from zero: −v ← μ·(−v) + (1 − dampening)·η·g, and Nesterov's look-ahead becomes
     * η·g + μ·(−v) (Sutskever et al. 2013, eq. 3–4 in the reformulation of Bengio et al. 2013).
     * The momentum rule is always present: with μ = 0 it passes the gradient through, and a
     * one-cycle schedule can switch it on, as torch's OneCycleLR does for SGD.
     */
    private static UpdateRule<?> heavyBall(FirstOrderSpec p, double momentum, double dampening, boolean nesterov,
                                           boolean classical, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        MomentumFactor mu = new MomentumFactor(momentum, lr);
        if (classical) {
            rules.add(new ScaleByLearningRate(lr));
            rules.add(new TraceMomentum(mu, dampening, nesterov, true));
        } else {
            rules.add(new TraceMomentum(mu, dampening, nesterov, false));
            rules.add(new ScaleByLearningRate(lr));
        }
        return Chain.of(rules);
    }

    static UpdateRule<?> adagrad(AdagradSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByAdagrad(p.lrDecay(), p.initialAccumulatorValue(), p.epsilon()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> rmsprop(RmspropSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByRms(p.rho(), p.epsilon(), p.centered()));
        // torch's RMSprop buffer starts at 0: buf ← μ·buf + g/avg.
        rules.add(new TraceMomentum(new MomentumFactor(p.momentum(), lr), 0, false, true));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> adadelta(AdadeltaSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByAdadelta(p.rho(), p.epsilon()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> adam(AdamSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByAdam(new MomentumFactor(p.beta1(), lr), p.beta2(), p.epsilon(), p.amsgrad(),
                p.biasCorrection()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    /** Decoupled decay: no L2 term in the prefix; the decayed weights join after the Adam scaling. */
    static UpdateRule<?> adamw(AdamWSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p, 0);
        rules.add(new ScaleByAdam(new MomentumFactor(p.beta1(), lr), p.beta2(), p.epsilon(), p.amsgrad(), true));
        if (p.weightDecay() != 0) rules.add(new AddDecayedWeights(p.weightDecay()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> adamax(AdamaxSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByAdamax(new MomentumFactor(p.beta1(), lr), p.beta2(), p.epsilon()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> nadam(NadamSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByNadam(new MomentumFactor(p.beta1(), lr), p.beta2(), p.epsilon(), p.momentumDecay()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> radam(RadamSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByRadam(new MomentumFactor(p.beta1(), lr), p.beta2(), p.epsilon()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> rprop(RpropSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByRprop(lr, p.etaMinus(), p.etaPlus(), p.minStep(), p.maxStep()));
        return Chain.of(rules);
    }

    static UpdateRule<?> quickprop(QuickpropSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = prefix(p);
        rules.add(new ScaleByQuickprop(lr, p.maxGrowth()));
        return Chain.of(rules);
    }

    /** The shared front of every first-order chain, with the spec's coupled weight decay. */
    static List<UpdateRule<?>> prefix(FirstOrderSpec p) {
        return prefix(p, p.weightDecay());
    }

    /**
     * Value clipping, norm clipping, negation for {@code maximize}, then the coupled weight decay
     * {@code coupledDecay}. With both clips, value clipping runs first so the norm cap still holds
     * for the step that leaves the stage; negation commutes with both clips.
     */
    static List<UpdateRule<?>> prefix(FirstOrderSpec p, double coupledDecay) {
        List<UpdateRule<?>> rules = new ArrayList<>();
        if (p.clipValue() != null) rules.add(new ClipByValue(p.clipValue()));
        if (p.clipNorm() != null) rules.add(new ClipByNorm(p.clipNorm()));
        if (p.maximize()) rules.add(new Negate());
        if (coupledDecay != 0) rules.add(new AddWeightDecay(coupledDecay));
        return rules;
    }
}

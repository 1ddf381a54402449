package dev.descent.optimizer;

import dev.descent.schedule.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * The named first-order optimizers as chains of rules. Gradient conditioning comes first in torch's
 * order: clipping acts on {@code .grad} before {@code step()} (torch's {@code clip_grad_*_}), and the
 * coupled weight decay is the first thing {@code step()} does. The learning rate is the last stage.
 */
final class Recipes {
    private Recipes() {}

    static UpdateRule<?> gd(GdSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = conditioning(p.weightDecay(), p.clipNorm(), p.clipValue());
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> momentum(MomentumSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = conditioning(p.weightDecay(), p.clipNorm(), p.clipValue());
        if (p.momentum() > 0) rules.add(new TraceMomentum(p.momentum(), p.dampening(), p.nesterov()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> adagrad(AdagradSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = conditioning(p.weightDecay(), p.clipNorm(), p.clipValue());
        rules.add(new ScaleByAdagrad(p.lrDecay(), p.initialAccumulatorValue(), p.epsilon()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> rmsprop(RmspropSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = conditioning(p.weightDecay(), p.clipNorm(), p.clipValue());
        rules.add(new ScaleByRms(p.rho(), p.epsilon(), p.centered()));
        // torch's RMSprop buffer starts at 0, so its first value μ·0 + g/avg equals TraceMomentum's buf ← g.
        if (p.momentum() > 0) rules.add(new TraceMomentum(p.momentum(), 0, false));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    static UpdateRule<?> adam(AdamSpec p, Schedule lr) {
        List<UpdateRule<?>> rules = conditioning(p.weightDecay(), p.clipNorm(), p.clipValue());
        rules.add(new ScaleByAdam(p.beta1(), p.beta2(), p.epsilon(), p.amsgrad(), p.biasCorrection()));
        rules.add(new ScaleByLearningRate(lr));
        return Chain.of(rules);
    }

    /**
     * The shared front of every first-order chain. With both clips, value clipping runs first so
     * the norm cap still holds for the step that leaves the stage.
     */
    static List<UpdateRule<?>> conditioning(Double weightDecay, Double clipNorm, Double clipValue) {
        List<UpdateRule<?>> rules = new ArrayList<>();
        if (clipValue != null) rules.add(new ClipByValue(clipValue));
        if (clipNorm != null) rules.add(new ClipByNorm(clipNorm));
        if (weightDecay != null && weightDecay != 0) rules.add(new AddWeightDecay(weightDecay));
        return rules;
    }
}

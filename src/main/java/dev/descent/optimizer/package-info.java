/**
 * Optimizers. First-order methods are chains of small {@link dev.descent.optimizer.UpdateRule}s
 * (clip, add decayed weights, scale by Adam moments, scale by the learning rate) in the manner of
 * optax; methods that choose their own evaluations (L-BFGS, Newton) implement
 * {@link dev.descent.optimizer.Optimizer} directly. Both advance an {@link dev.descent.optimizer.Iterate}
 * one iteration at a time, so the run loop owns stopping, recording and cancellation for all.
 */
package dev.descent.optimizer;

/**
 * Learning-rate schedules: the rate in effect after t steps, as torch.optim.lr_scheduler computes
 * it, with an optional linear warm-up in front of any of them.
 */
package dev.descent.schedule;

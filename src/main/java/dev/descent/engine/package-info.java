/**
 * The iteration loop shared by every optimizer: it evaluates, steps, applies the schedule and the
 * stopping rules, detects divergence, records the trajectory and honours cancel and time limits,
 * so an optimizer is only its step rule.
 */
package dev.descent.engine;

/**
 * Jobs: the request, the job and its state machine, the bounded worker pool that runs them, the
 * repository contract with its in-memory implementation, and recorded trajectories.
 */
package dev.descent.job;

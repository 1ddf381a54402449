/**
 * Micrometer meters for jobs, exported at {@code /actuator/prometheus}: counts, queue and running
 * gauges, durations and queue waits, iterations; labelled by problem and optimizer type, never by
 * job id.
 */
package dev.descent.metrics;

/**
 * Micrometer meters for jobs, exported at {@code /actuator/prometheus}: counts, queue and running
 * gauges, durations and queue waits, iterations; labelled by problem and optimizer type, never by
 * job id. The one exception is {@link dev.descent.metrics.LiveJobGauges}: jobs that ask for it
 * export live gauges labelled by job id, a bounded number at a time.
 */
package dev.descent.metrics;

package dev.descent.metrics;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code descent.metrics.*}.
 *
 * @param liveJobs jobs at once that may export live per-job gauges; each costs three series
 *                 labelled by job id, so the cap keeps the series count bounded
 */
@Validated
@ConfigurationProperties("descent.metrics")
public record MetricsProperties(@Min(0) @DefaultValue("20") int liveJobs) {}

package dev.descent.spec;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** Caps on what one request may ask for ({@code descent.limits.*}); exceeding one is a 400 or 413. */
@Validated
@ConfigurationProperties("descent.limits")
public record Limits(@DefaultValue("10MB") DataSize maxRequestBytes,
                     @DefaultValue("1GB") DataSize maxDatasetBytes,
                     @Min(1) @DefaultValue("1000000") int maxDimension,
                     @Min(1) @DefaultValue("10000000") long maxIterations,
                     @Min(1) @DefaultValue("10000") int maxExpressionLength,
                     @Min(1) @DefaultValue("4000") int maxDenseHessianDimension,
                     @Min(1) @DefaultValue("64") int maxExpressionDepth,
                     @Min(1) @DefaultValue("100000") int maxExpressionNodes) {

    /** The defaults, for code and tests that run outside Spring. */
    public static Limits defaults() {
        return new Limits(DataSize.ofMegabytes(10), DataSize.ofGigabytes(1), 1_000_000, 10_000_000L, 10_000, 4000,
                64, 100_000);
    }
}

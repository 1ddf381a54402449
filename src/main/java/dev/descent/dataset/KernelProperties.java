package dev.descent.dataset;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Threads for passes over large data ({@code descent.kernels.*}).
 *
 * @param threads            threads one data pass may use, the caller included (null: one per core)
 * @param minParallelEntries stored matrix entries below which a pass stays on one thread
 * @param warmUp             whether to compile the data kernels on a background thread once the
 *                           service is ready ({@link dev.descent.problem.KernelWarmup}), so the
 *                           first job on a dataset runs at full speed
 */
@Validated
@ConfigurationProperties("descent.kernels")
public record KernelProperties(@Min(1) Integer threads, @Min(1) @DefaultValue("1000000") long minParallelEntries,
                               @DefaultValue("true") boolean warmUp) {

    public int threadCount() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}

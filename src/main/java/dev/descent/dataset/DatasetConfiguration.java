package dev.descent.dataset;

import dev.descent.linalg.KernelPool;
import dev.descent.problem.KernelWarmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process-wide kernel pool; see {@link KernelPool} for why it cannot oversubscribe the job workers much. */
@Configuration(proxyBeanMethods = false)
class DatasetConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DatasetConfiguration.class);

    @Bean(destroyMethod = "close")
    KernelPool kernelPool(KernelProperties properties) {
        return new KernelPool(properties.threadCount(), properties.minParallelEntries());
    }

    /**
     * Once the service is ready, compiles the data kernels on a background thread of the lowest
     * priority ({@code descent.kernels.warm-up}); jobs are accepted meanwhile.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> kernelWarmup(KernelProperties properties) {
        return event -> {
            if (!properties.warmUp()) return;
            Thread thread = new Thread(() -> {
                // Its own helpers, so that every pass is split as for large data.
                try (KernelPool split = new KernelPool(Math.max(2, properties.threadCount()), 0)) {
                    new KernelWarmup(split).run(KernelWarmup.ROUNDS);
                } catch (RuntimeException e) {
                    log.warn("The data kernels' warm-up failed; the first jobs on datasets compile them instead", e);
                }
            }, "descent-kernel-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        };
    }
}

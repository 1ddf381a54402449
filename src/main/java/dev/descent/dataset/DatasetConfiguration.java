package dev.descent.dataset;

import dev.descent.linalg.KernelPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The process-wide kernel pool; see {@link KernelPool} for why it cannot oversubscribe the job workers much. */
@Configuration(proxyBeanMethods = false)
class DatasetConfiguration {

    @Bean(destroyMethod = "close")
    KernelPool kernelPool(KernelProperties properties) {
        return new KernelPool(properties.threadCount(), properties.minParallelEntries());
    }
}

package dev.descent.job;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The job store: in memory until a durable repository is configured. */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    @Bean
    @ConditionalOnMissingBean(JobRepository.class)
    JobRepository inMemoryJobRepository(JobProperties properties) {
        return new InMemoryJobRepository(properties.maxTrajectoryPoints(), properties.maxRetainedJobs());
    }
}

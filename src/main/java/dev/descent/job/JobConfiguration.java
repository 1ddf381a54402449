package dev.descent.job;

import dev.descent.store.Durability;
import dev.descent.store.H2Url;
import dev.descent.store.Journal;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job store: the relational store behind {@code spring.datasource.url} (an embedded H2 file in
 * {@code descent.data-dir} unless a {@code jdbc:postgresql:} URL is given), or memory with
 * {@code descent.jobs.store=memory} (nothing survives a restart).
 */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(name = "descent.jobs.store", havingValue = "jdbc", matchIfMissing = true)
    @ConditionalOnMissingBean(JobRepository.class)
    JdbcJobRepository jdbcJobRepository(DataSource dataSource, PlatformTransactionManager transactions, JsonMapper json,
                                        JobProperties properties, Durability durability,
                                        @Value("${spring.datasource.url:}") String url) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        // An H2 database is opened by one process only (file lock, or memory), so no other node shares it.
        boolean exclusive = url.startsWith("jdbc:h2:");
        // An embedded file store records accepted jobs in a journal beside its file, so their rows need not reach
        // the disk before the client hears of them.
        Journal journal = H2Url.file(url).map(file -> new Journal(Path.of(file + ".journal"))).orElse(null);
        return new JdbcJobRepository(dataSource, new TransactionTemplate(transactions), json,
                properties.maxTrajectoryPoints(), exclusive, postgres, durability, properties.trajectoryWriteDelay(), journal);
    }

    @Bean
    @ConditionalOnProperty(name = "descent.jobs.store", havingValue = "memory")
    @ConditionalOnMissingBean(JobRepository.class)
    JobRepository inMemoryJobRepository(JobProperties properties) {
        return new InMemoryJobRepository(properties.maxTrajectoryPoints(), properties.maxRetainedJobs());
    }
}

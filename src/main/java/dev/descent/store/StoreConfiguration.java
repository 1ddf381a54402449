package dev.descent.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.descent.job.JobProperties;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded H2 store flushes by group commit; any other store's commits are durable as they are. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    Durability durability(DataSource dataSource, @Value("${spring.datasource.url:}") String url) {
        return H2Url.file(url).isPresent() ? new GroupFlush(JdbcClient.create(dataSource)) : Durability.COMMITS;
    }

    /**
     * On PostgreSQL every session of the service has the server end a transaction left idle for
     * longer than a job lease ({@code idle_in_transaction_session_timeout}), unless
     * {@code spring.datasource.hikari.connection-init-sql} says otherwise. A node frozen inside a
     * transaction (a paused VM or process) would otherwise keep its jobs' rows locked, and the other
     * nodes, which claim expired jobs with {@code FOR UPDATE SKIP LOCKED}, would pass them over until
     * its connection died, long after the lease. The service's own transactions last milliseconds.
     */
    @Bean
    static BeanPostProcessor idleTransactionsEndOnPostgres(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:") && hikari.getConnectionInitSql() == null) {
                    Duration lease = Binder.get(environment).bind("descent.jobs.lease", Duration.class)
                            .orElse(Duration.parse(JobProperties.DEFAULT_LEASE));
                    long millis = Math.max(1000, lease.toMillis());
                    hikari.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + millis);
                }
                return bean;
            }
        };
    }
}

package dev.descent.store;

import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded H2 store flushes by group commit; any other store's commits are durable as they are. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    Durability durability(DataSource dataSource, @Value("${spring.datasource.url:}") String url) {
        return H2Url.file(url).isPresent() ? new GroupFlush(JdbcClient.create(dataSource)) : Durability.COMMITS;
    }
}

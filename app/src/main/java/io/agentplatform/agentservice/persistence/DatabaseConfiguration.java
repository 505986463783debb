package io.agentplatform.agentservice.persistence;

import com.zaxxer.hikari.HikariDataSource;
import io.agentplatform.agentservice.config.ServiceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ServiceConfig config) {
        ServiceConfig.Database database = config.database();
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("agent-db");
        pool.setDataSource(new PostgresDataSource(database));
        pool.setMaximumPoolSize(database.poolMax());
        pool.setMinimumIdle(Math.min(2, database.poolMax()));
        pool.setConnectionTimeout(database.connectTimeout().toMillis());
        pool.setValidationTimeout(Math.min(1000, database.connectTimeout().toMillis() - 1));
        // Start even when PostgreSQL is down: readiness stays false until it is reachable.
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    @Bean
    Migrations migrations(HikariDataSource dataSource) {
        return new Migrations(dataSource);
    }

    /** Local development convenience; in Kubernetes the {@code migrate} init container does this. */
    @Bean
    InitializingBean migrateOnStart(ServiceConfig config, Migrations migrations) {
        return () -> {
            if (config.migrateOnStart()) {
                log.info("MIGRATE_ON_START=true: applying database migrations");
                migrations.migrate();
            }
        };
    }
}

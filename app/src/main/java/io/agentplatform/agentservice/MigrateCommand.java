package io.agentplatform.agentservice;

import io.agentplatform.agentservice.config.InvalidConfigurationException;
import io.agentplatform.agentservice.config.ServiceConfig;
import io.agentplatform.agentservice.persistence.Migrations;
import io.agentplatform.agentservice.persistence.PostgresDataSource;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code migrate}: applies pending Flyway migrations and exits 0, or exits non-zero on failure.
 * It boots Spring only for its logging setup (same JSON logs as the service), without web server,
 * pool or Redis.
 */
public final class MigrateCommand {

    private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);

    @Configuration(proxyBeanMethods = false)
    static class LoggingOnly {
    }

    private MigrateCommand() {
    }

    public static int run(Map<String, String> env) {
        ServiceConfig config;
        try {
            config = ServiceConfig.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            System.err.println(e.getMessage());
            return AgentServiceApplication.EXIT_BAD_CONFIGURATION;
        }
        try (ConfigurableApplicationContext ignored = AgentServiceApplication
                .springApplication(config, WebApplicationType.NONE, LoggingOnly.class).run()) {
            MigrateResult result = new Migrations(new PostgresDataSource(config.database())).migrate();
            log.atInfo().addKeyValue("migrationsExecuted", result.migrationsExecuted)
                    .addKeyValue("schemaVersion", result.targetSchemaVersion)
                    .log("database migrations applied");
            return AgentServiceApplication.EXIT_OK;
        } catch (RuntimeException e) {
            log.error("database migration failed: {}", e.getMessage());
            return AgentServiceApplication.EXIT_FAILURE;
        }
    }
}

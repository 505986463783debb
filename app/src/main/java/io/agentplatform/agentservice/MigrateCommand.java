package io.agentplatform.agentservice;

import io.agentplatform.agentservice.config.InvalidConfigurationException;
import io.agentplatform.agentservice.config.MigrationConfig;
import io.agentplatform.agentservice.persistence.AppRoleGrants;
import io.agentplatform.agentservice.persistence.Migrations;
import io.agentplatform.agentservice.persistence.PostgresDataSource;
import java.sql.SQLException;
import java.util.Map;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * {@code migrate}: applies pending Flyway migrations as the schema owner (DB_USER), then, with
 * DB_APP_USER set, creates or updates the service's least-privileged role; exits 0, or non-zero on
 * failure. It boots Spring only for its logging setup (same JSON logs as the service), without web
 * server, pool or Redis.
 */
public final class MigrateCommand {

    private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);

    @Configuration(proxyBeanMethods = false)
    static class LoggingOnly {
    }

    private MigrateCommand() {
    }

    public static int run(Map<String, String> env) {
        MigrationConfig config;
        try {
            config = MigrationConfig.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            System.err.println(e.getMessage());
            return AgentServiceApplication.EXIT_BAD_CONFIGURATION;
        }
        try (ConfigurableApplicationContext ignored = AgentServiceApplication
                .springApplication(Map.of("logging.level.root", config.logLevel()), WebApplicationType.NONE,
                        LoggingOnly.class).run()) {
            PostgresDataSource owner = new PostgresDataSource(config.owner());
            MigrateResult result = new Migrations(owner).migrate();
            log.atInfo().addKeyValue("migrationsExecuted", result.migrationsExecuted)
                    .addKeyValue("schemaVersion", result.targetSchemaVersion)
                    .log("database migrations applied");
            if (config.appRole().isPresent()) {
                MigrationConfig.AppRole role = config.appRole().get();
                if (new AppRoleGrants(owner).apply(role) == AppRoleGrants.IamGrant.NO_RDS_IAM_ROLE) {
                    log.atWarn().addKeyValue("role", role.name()).log("DB_APP_AUTH=iam but this server has no rds_iam role"
                            + " (not RDS): the role has no password and can log in only where pg_hba.conf trusts it");
                }
                log.atInfo().addKeyValue("role", role.name()).addKeyValue("auth", role.auth().value())
                        .log("service database role created or updated");
            }
            return AgentServiceApplication.EXIT_OK;
        } catch (RuntimeException | SQLException e) {
            log.error("database migration failed: {}", e.getMessage());
            return AgentServiceApplication.EXIT_FAILURE;
        }
    }
}

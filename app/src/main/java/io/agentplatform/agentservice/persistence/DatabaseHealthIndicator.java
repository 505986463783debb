package io.agentplatform.agentservice.persistence;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Readiness of the database: UP only when PostgreSQL answers and every migration shipped in this
 * jar is applied. The first full check asks Flyway; once the schema is current the probe only
 * confirms the latest version is still recorded, a single cheap query.
 */
@Component("database")
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private final Migrations migrations;
    private final JdbcTemplate jdbc;
    private final AtomicReference<String> confirmedLatestVersion = new AtomicReference<>();

    public DatabaseHealthIndicator(Migrations migrations, JdbcTemplate jdbc) {
        super("PostgreSQL is not reachable");
        this.migrations = migrations;
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try {
            check(builder);
        } catch (RuntimeException e) {
            builder.down().withDetail("error", firstLine(mostSpecificMessage(e)));
        }
    }

    private static String mostSpecificMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private void check(Health.Builder builder) {
        String latest = confirmedLatestVersion.get();
        if (latest != null) {
            Integer applied = jdbc.queryForObject(
                    "SELECT count(*) FROM flyway_schema_history WHERE version = ? AND success", Integer.class, latest);
            if (applied != null && applied > 0) {
                builder.up().withDetail("schemaVersion", latest);
                return;
            }
            confirmedLatestVersion.compareAndSet(latest, null);
        }
        Migrations.Status status = migrations.status();
        builder.withDetail("schemaVersion", String.valueOf(status.currentVersion()))
                .withDetail("expectedVersion", String.valueOf(status.latestVersion()))
                .withDetail("pendingMigrations", status.pending());
        if (status.upToDate()) {
            confirmedLatestVersion.set(status.latestVersion());
            builder.up();
        } else {
            builder.outOfService().withDetail("reason", status.failed()
                    ? "a migration failed; run the migrate command after fixing it"
                    : "migrations are pending; run the migrate command");
        }
    }
}

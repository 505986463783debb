package io.agentplatform.agentservice.persistence;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/** The schema migrations under {@code classpath:db/migration}, applied by Flyway. */
public final class Migrations {

    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    public MigrateResult migrate() {
        return flyway.migrate();
    }

    /** Reads the schema history; throws when PostgreSQL cannot be reached. */
    public Status status() {
        MigrationInfoService info = flyway.info();
        MigrationInfo current = info.current();
        String latestAvailable = null;
        for (MigrationInfo migration : info.all()) {
            if (migration.getVersion() != null) {
                latestAvailable = migration.getVersion().getVersion();
            }
        }
        boolean failed = false;
        for (MigrationInfo migration : info.applied()) {
            failed |= migration.getState().isFailed();
        }
        return new Status(
                current == null || current.getVersion() == null ? null : current.getVersion().getVersion(),
                latestAvailable,
                info.pending().length,
                failed);
    }

    public record Status(String currentVersion, String latestVersion, int pending, boolean failed) {

        public boolean upToDate() {
            return pending == 0 && !failed && latestVersion != null && latestVersion.equals(currentVersion);
        }
    }
}

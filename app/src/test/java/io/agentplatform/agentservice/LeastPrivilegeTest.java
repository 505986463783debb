package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentplatform.agentservice.config.DatabaseAuth;
import io.agentplatform.agentservice.config.MigrationConfig;
import io.agentplatform.agentservice.persistence.AppRoleGrants;
import io.agentplatform.agentservice.persistence.PostgresDataSource;
import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * migrate runs as the owner and creates the service's role; the service then runs as that role,
 * which can serve the API and nothing more.
 */
class LeastPrivilegeTest {

    private static final String APP_ROLE = "agent_app_least_privilege";
    private static final EmbeddedServers servers = EmbeddedServers.get();
    private static Map<String, String> ownerEnv;
    private static String appPassword;
    private static RunningService service;

    @BeforeAll
    static void migrateAsOwnerAndStartAsTheAppRole() throws Exception {
        servers.requirePasswordFor(APP_ROLE);
        Path appPasswordFile = RunningService.writeRandomSecretFile();
        appPassword = Files.readString(appPasswordFile).trim();
        ownerEnv = RunningService.environmentForNewDatabase();
        ownerEnv.put("DB_APP_USER", APP_ROLE);
        ownerEnv.put("DB_APP_AUTH", "password");
        ownerEnv.put("DB_APP_PASSWORD_FILE", appPasswordFile.toString());
        assertThat(MigrateCommand.run(ownerEnv)).isZero();

        Map<String, String> serviceEnv = new HashMap<>(ownerEnv);
        serviceEnv.keySet().removeIf(name -> name.startsWith("DB_APP_"));
        serviceEnv.put("DB_USER", APP_ROLE);
        serviceEnv.put("DB_PASSWORD_FILE", appPasswordFile.toString());
        serviceEnv.put("RATE_LIMIT_PER_MINUTE", "0");
        service = RunningService.start(serviceEnv);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static Connection asAppRole() throws SQLException {
        return servers.connect(service.database(), APP_ROLE, appPassword);
    }

    private static void refused(String sql) {
        assertThatThrownBy(() -> {
            try (Connection connection = asAppRole(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class).hasMessageMatching("(?s).*(permission denied|must be owner).*");
    }

    @Test
    void theServiceRunningAsTheAppRoleIsReadyAndCreatesAndReadsTasks() {
        assertThat(service.management("/health/ready").statusCode()).isEqualTo(200);
        var created = service.postTask("{\"prompt\":\"least privilege\",\"metadata\":{\"team\":\"infra\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = Json.parse(created.body()).path("id").asString();
        JsonNode read = Json.parse(service.get("/v1/tasks/" + id).body());
        assertThat(read.path("metadata").path("team").asString()).isEqualTo("infra");
        assertThat(service.countRows("id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void theAppRoleHasNoRoleDatabaseOrServerAttributesAndOwnsNothing() throws Exception {
        try (Connection connection = servers.connect(service.database()); Statement statement = connection.createStatement();
             ResultSet role = statement.executeQuery("SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication,"
                     + " rolbypassrls, (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owned"
                     + " FROM pg_roles r WHERE rolname = '" + APP_ROLE + "'")) {
            assertThat(role.next()).isTrue();
            assertThat(role.getBoolean("rolcanlogin")).isTrue();
            assertThat(List.of(role.getBoolean("rolsuper"), role.getBoolean("rolcreaterole"), role.getBoolean("rolcreatedb"),
                    role.getBoolean("rolreplication"), role.getBoolean("rolbypassrls"))).containsOnly(false);
            assertThat(role.getLong("owned")).isZero();
        }
    }

    @Test
    void theAppRoleCannotChangeTheSchema() {
        refused("CREATE TABLE intruder (id int)");
        refused("ALTER TABLE tasks ADD COLUMN intruder text");
        refused("DROP TABLE tasks");
        refused("CREATE INDEX intruder ON tasks (model)");
        refused("TRUNCATE tasks");
    }

    @Test
    void theAppRoleCannotCreateRolesOrDatabases() {
        refused("CREATE ROLE intruder LOGIN");
        refused("CREATE DATABASE intruder");
    }

    @Test
    void theAppRoleCanReadButNotRewriteTheMigrationHistory() throws Exception {
        try (Connection connection = asAppRole(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM flyway_schema_history")) {
            rows.next();
            assertThat(rows.getLong(1)).isPositive();
        }
        refused("UPDATE flyway_schema_history SET success = false");
        refused("DELETE FROM flyway_schema_history");
    }

    @Test
    void theAppRoleCannotReadOrWriteOutsideItsGrants() {
        servers.execute(service.database(), List.of(
                "CREATE SCHEMA IF NOT EXISTS owner_only",
                "CREATE TABLE IF NOT EXISTS owner_only.secrets (value text)"));
        refused("SELECT * FROM owner_only.secrets");
        refused("INSERT INTO owner_only.secrets VALUES ('x')");
        refused("SELECT * FROM pg_authid");
    }

    @Test
    void theAppRoleMustGiveItsPassword() {
        assertThatThrownBy(() -> servers.connect(service.database(), APP_ROLE, "wrong-password").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    @Test
    void migrateIsIdempotentAndKeepsTheGrantsAndTheServiceWorking() {
        assertThat(MigrateCommand.run(ownerEnv)).isZero();
        assertThat(MigrateCommand.run(ownerEnv)).isZero();
        assertThat(service.postTask("{\"prompt\":\"after a second migrate\"}").statusCode()).isEqualTo(201);
        refused("CREATE TABLE intruder (id int)");
    }

    @Test
    void tablesOfLaterMigrationsAreUsableByTheAppRoleThroughDefaultPrivileges() throws Exception {
        // As a later migration would: created by the owner in public after the grants ran.
        servers.execute(service.database(), List.of("CREATE TABLE IF NOT EXISTS later_table (id bigserial, note text)"));
        try (Connection connection = asAppRole(); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("INSERT INTO later_table (note) VALUES ('ok')")).isEqualTo(1);
        }
    }

    @Test
    void anIamRoleOnAServerWithoutRdsIamIsReportedAndHasNoPassword() throws Exception {
        // Outside RDS there is no rds_iam role (IamDatabaseAuthTest creates one to stand in for RDS).
        servers.execute("postgres", List.of("DROP ROLE IF EXISTS rds_iam"));
        PostgresDataSource owner = new PostgresDataSource(MigrationConfig.fromEnvironment(ownerEnv).owner());
        MigrationConfig.AppRole role = new MigrationConfig.AppRole("agent_app_iam_elsewhere", DatabaseAuth.IAM, Optional.empty());

        assertThat(new AppRoleGrants(owner).apply(role)).isEqualTo(AppRoleGrants.IamGrant.NO_RDS_IAM_ROLE);

        try (Connection connection = servers.connect(service.database()); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = '" + role.name() + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean(1)).isTrue();
        }
    }
}

package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    private static boolean tableExists(String database, String table) throws Exception {
        try (Connection connection = EmbeddedServers.get().connect(database);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    @Test
    void theMigrateCommandCreatesTheSchemaOnAnEmptyDatabaseAndASecondRunChangesNothing() throws Exception {
        Map<String, String> env = RunningService.environmentForNewDatabase();
        String database = env.get("DB_NAME");
        assertThat(tableExists(database, "tasks")).isFalse();

        assertThat(MigrateCommand.run(env)).isZero();
        assertThat(tableExists(database, "tasks")).isTrue();
        assertThat(MigrateCommand.run(env)).isZero();

        try (Connection connection = EmbeddedServers.get().connect(database);
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("version")).isEqualTo("1");
            assertThat(rows.getBoolean("success")).isTrue();
            assertThat(rows.next()).as("the second run applied nothing").isFalse();
        }
    }

    @Test
    void theMigrateCommandExitsNonZeroWhenPostgresCannotBeReached() throws Exception {
        Map<String, String> env = RunningService.environmentForNewDatabase();
        try (ServerSocket closed = new ServerSocket(0)) {
            env.put("DB_PORT", String.valueOf(closed.getLocalPort()));
        }
        assertThat(MigrateCommand.run(env)).isEqualTo(1);
    }

    @Test
    void theMigrateCommandExitsWithTwoOnInvalidConfiguration() {
        Map<String, String> env = RunningService.environmentForNewDatabase();
        env.remove("DB_HOST");
        assertThat(MigrateCommand.run(env)).isEqualTo(2);
    }

    @Test
    void theServiceIsLiveButNotReadyUntilMigrationsAreAppliedAndThenBecomesReadyWithoutRestart() {
        Map<String, String> env = RunningService.environmentForNewDatabase();
        try (RunningService service = RunningService.start(env)) {
            assertThat(service.management("/health/started").statusCode()).isEqualTo(200);
            assertThat(service.management("/health/live").statusCode()).isEqualTo(200);
            var notReady = service.management("/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(Json.parse(notReady.body()).path("components").path("database").path("details")
                    .path("pendingMigrations").asInt()).isEqualTo(1);

            assertThat(MigrateCommand.run(env)).isZero();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(service.management("/health/ready").statusCode()).isEqualTo(200));
        }
    }

    @Test
    void migrateOnStartAppliesTheMigrationsBeforeTheServiceIsReady() {
        Map<String, String> env = new HashMap<>(RunningService.environmentForNewDatabase());
        env.put("MIGRATE_ON_START", "true");
        try (RunningService service = RunningService.start(env)) {
            assertThat(service.management("/health/ready").statusCode()).isEqualTo(200);
            assertThat(service.postTask("{\"prompt\":\"hello\"}").statusCode()).isEqualTo(201);
        }
    }
}

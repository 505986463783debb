package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.RunningService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasePasswordRotationTest {

    @TempDir
    Path secrets;

    @Test
    void aRotatedPasswordFileIsUsedForNewConnectionsWithoutARestart() throws Exception {
        EmbeddedServers servers = EmbeddedServers.get();
        Map<String, String> env = RunningService.environmentForNewDatabase();
        String database = env.get("DB_NAME");
        assertThat(MigrateCommand.run(env)).isZero();

        // A login that must present its password (the embedded server trusts every other login).
        String role = "rotating_" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);
        String firstPassword = UUID.randomUUID().toString();
        Path hba = servers.postgresDataDirectory().resolve("pg_hba.conf");
        String rules = "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role + " ::1/128 scram-sha-256\n";
        Files.writeString(hba, rules + Files.readString(hba), StandardOpenOption.TRUNCATE_EXISTING);
        servers.execute(database, List.of(
                "CREATE ROLE " + role + " LOGIN PASSWORD '" + firstPassword + "'",
                "GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT SELECT ON flyway_schema_history TO " + role,
                "SELECT pg_reload_conf()"));
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + servers.postgresPort() + "/" + database, role, "not-the-password").close())
                .as("the server really checks this role's password").isInstanceOf(java.sql.SQLException.class);
        Path passwordFile = secrets.resolve("db-password");
        Files.writeString(passwordFile, firstPassword + "\n");
        env.put("DB_USER", role);
        env.put("DB_PASSWORD_FILE", passwordFile.toString());

        try (RunningService service = RunningService.start(env)) {
            assertThat(service.postTask("{\"prompt\":\"before rotation\"}").statusCode()).isEqualTo(201);

            // Rotate as Kubernetes does: the server gets the new password, the mounted file is replaced,
            // and old sessions end (here forcibly) so the pool must open new ones.
            String secondPassword = UUID.randomUUID().toString();
            servers.execute(database, List.of("ALTER ROLE " + role + " PASSWORD '" + secondPassword + "'"));
            Files.writeString(passwordFile, secondPassword + "\n");
            servers.execute(database, List.of(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(service.postTask("{\"prompt\":\"after rotation\"}").statusCode()).isEqualTo(201));
            assertThat(service.management("/health/ready").statusCode()).isEqualTo(200);
        }
    }
}

package io.agentplatform.agentservice.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationConfigTest {

    @TempDir
    Path tempDir;

    /** The owner's connection only: migrate needs no Redis or model settings. */
    private static Map<String, String> owner() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", "db.internal");
        env.put("DB_NAME", "agent");
        env.put("DB_USER", "agent_admin");
        env.put("DB_PASSWORD", "owner-value");
        return env;
    }

    private static InvalidConfigurationException rejected(Map<String, String> env) {
        try {
            MigrationConfig.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            return e;
        }
        throw new AssertionError("configuration was accepted: " + env.keySet());
    }

    @Test
    void withoutDbAppUserMigrateLeavesRolesAlone() {
        MigrationConfig config = MigrationConfig.fromEnvironment(owner());
        assertThat(config.owner().user()).isEqualTo("agent_admin");
        assertThat(config.appRole()).isEmpty();
    }

    @Test
    void anIamAppRoleNeedsNoPassword() {
        Map<String, String> env = owner();
        env.put("DB_APP_USER", "agent_app");
        env.put("DB_APP_AUTH", "iam");

        MigrationConfig.AppRole role = MigrationConfig.fromEnvironment(env).appRole().orElseThrow();

        assertThat(role.name()).isEqualTo("agent_app");
        assertThat(role.auth()).isEqualTo(DatabaseAuth.IAM);
        assertThat(role.password()).isEmpty();
    }

    @Test
    void aPasswordAppRoleIsTheDefaultAndReadsItsPasswordFile() throws Exception {
        Path file = tempDir.resolve("app-password");
        Files.writeString(file, "app-value\n");
        Map<String, String> env = owner();
        env.put("DB_APP_USER", "agent_app");
        env.put("DB_APP_PASSWORD_FILE", file.toString());

        MigrationConfig.AppRole role = MigrationConfig.fromEnvironment(env).appRole().orElseThrow();

        assertThat(role.auth()).isEqualTo(DatabaseAuth.PASSWORD);
        assertThat(role.password().orElseThrow().value()).isEqualTo("app-value");
    }

    @Test
    void everyBadAppRoleSettingIsReportedAtOnce() {
        Map<String, String> env = owner();
        env.put("DB_APP_USER", "Agent-App");
        env.put("DB_APP_AUTH", "token");
        env.put("LOG_LEVEL", "LOUD");

        InvalidConfigurationException error = rejected(env);

        assertThat(error.getMessage())
                .contains("DB_APP_USER=\"Agent-App\" is invalid: must be a PostgreSQL role name of 1 to 63 characters")
                .contains("LOG_LEVEL=\"LOUD\" is invalid");
    }

    @Test
    void theAppRoleSettingsAreCheckedAgainstEachOther() {
        Map<String, String> env = owner();
        env.put("DB_APP_USER", "agent_app");
        env.put("DB_APP_AUTH", "token");
        assertThat(rejected(env).getMessage()).contains("DB_APP_AUTH=\"token\" is invalid: must be one of iam, password");

        env.put("DB_APP_AUTH", "password");
        assertThat(rejected(env).getMessage()).contains("DB_APP_PASSWORD or DB_APP_PASSWORD_FILE must be set");

        env.put("DB_APP_AUTH", "iam");
        env.put("DB_APP_PASSWORD", "app-value");
        assertThat(rejected(env).getMessage()).contains("DB_APP_PASSWORD is set but DB_APP_AUTH=iam").doesNotContain("app-value");

        env.remove("DB_APP_PASSWORD");
        env.put("DB_APP_USER", "agent_admin");
        assertThat(rejected(env).getMessage()).contains("DB_APP_USER=\"agent_admin\" is invalid: must differ from DB_USER");

        env.put("DB_APP_USER", "rds_superuser");
        assertThat(rejected(env).getMessage()).contains("DB_APP_USER=\"rds_superuser\" is invalid");
    }

    @Test
    void appRoleSettingsWithoutDbAppUserAreRefusedRatherThanIgnored() {
        Map<String, String> env = owner();
        env.put("DB_APP_AUTH", "iam");
        env.put("DB_APP_PASSWORD", "app-value");
        assertThat(rejected(env).getMessage())
                .contains("DB_APP_AUTH=\"iam\" is invalid: only allowed together with DB_APP_USER")
                .contains("DB_APP_PASSWORD=\"(hidden)\" is invalid: only allowed together with DB_APP_USER")
                .doesNotContain("app-value");
    }
}

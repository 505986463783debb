package io.agentplatform.agentservice.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

    @TempDir
    Path tempDir;

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("DB_HOST", "db.internal");
        env.put("DB_NAME", "agent");
        env.put("DB_USER", "agent");
        env.put("DB_PASSWORD", "inline-value");
        env.put("REDIS_HOST", "cache.internal");
        return env;
    }

    private static InvalidConfigurationException rejected(Map<String, String> env) {
        try {
            ServiceConfig.fromEnvironment(env);
        } catch (InvalidConfigurationException e) {
            return e;
        }
        throw new AssertionError("configuration was accepted: " + env.keySet());
    }

    @Test
    void theDocumentedDefaultsApplyWhenOnlyRequiredVariablesAreSet() {
        ServiceConfig config = ServiceConfig.fromEnvironment(minimal());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.managementPort()).isEqualTo(8081);
        assertThat(config.database().port()).isEqualTo(5432);
        assertThat(config.database().sslMode()).isEqualTo("require");
        assertThat(config.database().poolMax()).isEqualTo(10);
        assertThat(config.redis().port()).isEqualTo(6379);
        assertThat(config.redis().tls()).isFalse();
        assertThat(config.llm().isRemote()).isFalse();
        assertThat(config.llm().model()).isEqualTo("offline-deterministic");
        assertThat(config.rateLimitPerMinute()).isEqualTo(60);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.migrateOnStart()).isFalse();
    }

    @Test
    void everyBadVariableIsReportedAtOnceWithItsValueAndWhatIsAllowed() {
        Map<String, String> env = minimal();
        env.put("PORT", "eighty");
        env.put("DB_SSL_MODE", "sometimes");
        env.put("DB_POOL_MAX", "0");
        env.put("REDIS_TLS", "yes");
        env.put("LOG_LEVEL", "LOUD");
        env.remove("REDIS_HOST");

        InvalidConfigurationException error = rejected(env);

        assertThat(error.problems()).hasSize(6);
        assertThat(error.getMessage())
                .contains("PORT=\"eighty\" is invalid: must be a whole number from 0 to 65535")
                .contains("DB_SSL_MODE=\"sometimes\" is invalid: must be one of allow, disable, prefer, require, verify-ca, verify-full")
                .contains("DB_POOL_MAX=\"0\" is invalid: must be a whole number from 1 to 200")
                .contains("REDIS_TLS=\"yes\" is invalid: must be true or false")
                .contains("LOG_LEVEL=\"LOUD\" is invalid")
                .contains("REDIS_HOST is not set: it is required");
    }

    @Test
    void aMissingPasswordNamesBothWaysToGiveIt() {
        Map<String, String> env = minimal();
        env.remove("DB_PASSWORD");
        assertThat(rejected(env).getMessage()).contains("DB_PASSWORD or DB_PASSWORD_FILE must be set");
    }

    @Test
    void secretValuesNeverAppearInErrorsOrToString() {
        Map<String, String> env = minimal();
        env.put("DB_PASSWORD", "s3cr3t-db-value");
        env.put("LLM_API_KEY", "sk-very-secret-key");
        env.put("PORT", "-1");

        InvalidConfigurationException error = rejected(env);

        assertThat(error.getMessage()).contains("LLM_API_URL").doesNotContain("sk-very-secret-key").doesNotContain("s3cr3t-db-value");
        assertThat(Secret.inline("s3cr3t-db-value").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void thePasswordFileWinsOverTheInlineValueAndIsReReadAfterRotation() throws Exception {
        Path file = tempDir.resolve("db-password");
        Files.writeString(file, "first-value\n");
        Map<String, String> env = minimal();
        env.put("DB_PASSWORD_FILE", file.toString());

        Secret password = ServiceConfig.fromEnvironment(env).database().password().orElseThrow();
        assertThat(password.value()).isEqualTo("first-value");

        Files.writeString(file, "rotated-value\n");
        assertThat(password.value()).isEqualTo("rotated-value");
    }

    @Test
    void anUnreadablePasswordFileIsRejectedNamingThePath() {
        Map<String, String> env = minimal();
        env.put("DB_PASSWORD_FILE", tempDir.resolve("missing").toString());
        assertThat(rejected(env).getMessage()).contains("DB_PASSWORD_FILE=\"" + tempDir.resolve("missing") + "\"")
                .contains("must be the path of a readable file");
    }

    @Test
    void aRemoteModelNeedsAnHttpUrlAndAModelName() {
        Map<String, String> env = minimal();
        env.put("LLM_API_URL", "ftp://models.example");
        assertThat(rejected(env).getMessage()).contains("LLM_API_URL=\"ftp://models.example\" is invalid");

        env.put("LLM_API_URL", "https://models.example/v1");
        assertThat(rejected(env).getMessage()).contains("LLM_MODEL");

        env.put("LLM_MODEL", "gpt-4o-mini");
        env.put("LLM_API_KEY", "k");
        ServiceConfig config = ServiceConfig.fromEnvironment(env);
        assertThat(config.llm().isRemote()).isTrue();
        assertThat(config.llm().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void credentialsInsideTheModelUrlAreRefusedWithoutEchoingThem() {
        Map<String, String> env = minimal();
        env.put("LLM_API_URL", "https://user:hunter2@models.example/v1");
        env.put("LLM_MODEL", "m");
        assertThat(rejected(env).getMessage()).contains("LLM_API_URL").doesNotContain("hunter2");
    }

    @Test
    void theApiAndManagementPortsMustDiffer() {
        Map<String, String> env = minimal();
        env.put("PORT", "9000");
        env.put("MANAGEMENT_PORT", "9000");
        assertThat(rejected(env).getMessage()).contains("MANAGEMENT_PORT=\"9000\" is invalid: must differ from PORT");
    }

    @Test
    void theServiceRefusesToStartOnInvalidConfiguration() {
        Map<String, String> env = minimal();
        env.put("RATE_LIMIT_PER_MINUTE", "lots");
        assertThatThrownBy(() -> io.agentplatform.agentservice.AgentServiceApplication.start(env))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("RATE_LIMIT_PER_MINUTE=\"lots\"");
    }

    @Test
    void passwordAuthenticationIsTheDefaultAndNeedsNoRegion() {
        ServiceConfig.Database database = ServiceConfig.fromEnvironment(minimal()).database();
        assertThat(database.auth()).isEqualTo(DatabaseAuth.PASSWORD);
        assertThat(database.awsRegion()).isEmpty();
    }

    @Test
    void iamAuthenticationTakesTheRegionAndNoPassword() {
        Map<String, String> env = minimal();
        env.remove("DB_PASSWORD");
        env.put("DB_AUTH", "iam");
        env.put("DB_USER", "agent_app");
        env.put("AWS_REGION", "eu-west-1");

        ServiceConfig.Database database = ServiceConfig.fromEnvironment(env).database();

        assertThat(database.auth()).isEqualTo(DatabaseAuth.IAM);
        assertThat(database.awsRegion()).contains("eu-west-1");
        assertThat(database.password()).isEmpty();
    }

    @Test
    void iamAuthenticationRefusesAnyPasswordAndNeedsAValidRegion() {
        Map<String, String> env = minimal();
        env.put("DB_AUTH", "iam");
        env.put("DB_PASSWORD_FILE", "/var/run/secrets/db/password");

        InvalidConfigurationException error = rejected(env);

        assertThat(error.problems()).hasSize(3);
        assertThat(error.getMessage())
                .contains("DB_PASSWORD is set but DB_AUTH=iam")
                .contains("DB_PASSWORD_FILE is set but DB_AUTH=iam")
                .contains("AWS_REGION is not set: it is required when DB_AUTH=iam")
                .doesNotContain("inline-value");

        env.remove("DB_PASSWORD");
        env.remove("DB_PASSWORD_FILE");
        env.put("AWS_REGION", "Ireland");
        assertThat(rejected(env).getMessage()).contains("AWS_REGION=\"Ireland\" is invalid: must be an AWS region name such as eu-west-1");
    }

    @Test
    void anUnknownDatabaseAuthenticationIsRejectedNamingTheChoices() {
        Map<String, String> env = minimal();
        env.put("DB_AUTH", "kerberos");
        assertThat(rejected(env).getMessage()).contains("DB_AUTH=\"kerberos\" is invalid: must be one of iam, password");
    }
}

package io.agentplatform.agentservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentplatform.agentservice.config.ServiceConfig;
import io.agentplatform.agentservice.persistence.PostgresDataSource;
import io.agentplatform.agentservice.support.EmbeddedServers;
import io.agentplatform.agentservice.support.Json;
import io.agentplatform.agentservice.support.RunningService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.jdbc.plugin.iam.IamAuthConnectionPlugin;

/**
 * DB_AUTH=iam end to end: migrate grants rds_iam (as on RDS), and the service connects through the
 * AWS JDBC wrapper's IAM plugin, which signs a token with the AWS SDK's default credentials chain.
 * Signing is offline, so fake static credentials (system properties, first in the chain) suffice; the
 * embedded server trusts the role, as it cannot verify an RDS token. The token the plugin built is
 * taken from the plugin's FINEST log record (which the service's log configuration never lets through).
 */
class IamDatabaseAuthTest {

    private static final String APP_ROLE = "agent_app_iam";
    private static final String FAKE_ACCESS_KEY = "AKIAFAKEFORTESTS0001";
    private static final Logger PLUGIN_LOG = Logger.getLogger("software.amazon.jdbc.plugin.iam.IamAuthConnectionPlugin");
    private static final List<String> pluginMessages = new CopyOnWriteArrayList<>();
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            pluginMessages.add(String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static Level previousLevel;
    private static RunningService service;

    @BeforeAll
    static void migrateAndStartWithIam() {
        EmbeddedServers servers = EmbeddedServers.get();
        servers.execute("postgres", List.of("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_iam')"
                + " THEN CREATE ROLE rds_iam NOLOGIN; END IF; END $$"));
        Map<String, String> ownerEnv = RunningService.environmentForNewDatabase();
        ownerEnv.put("DB_APP_USER", APP_ROLE);
        ownerEnv.put("DB_APP_AUTH", "iam");
        assertThat(MigrateCommand.run(ownerEnv)).isZero();

        System.setProperty("aws.accessKeyId", FAKE_ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "fake-secret-key-for-offline-signing-only");
        Map<String, String> serviceEnv = new HashMap<>(ownerEnv);
        serviceEnv.keySet().removeIf(name -> name.startsWith("DB_APP_") || name.startsWith("DB_PASSWORD"));
        serviceEnv.put("DB_USER", APP_ROLE);
        serviceEnv.put("DB_AUTH", "iam");
        serviceEnv.put("AWS_REGION", "eu-west-1");
        serviceEnv.put("RATE_LIMIT_PER_MINUTE", "0");
        service = RunningService.start(serviceEnv);
    }

    @AfterAll
    static void stop() {
        service.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void migrateGrantsRdsIamAndRemovesAnyPassword() throws Exception {
        try (Connection connection = EmbeddedServers.get().connect(service.database());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_has_role('" + APP_ROLE + "', 'rds_iam', 'MEMBER'),"
                     + " (SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = '" + APP_ROLE + "')")) {
            row.next();
            assertThat(row.getBoolean(1)).as("member of rds_iam").isTrue();
            assertThat(row.getBoolean(2)).as("no password").isTrue();
        }
    }

    @Test
    void theServiceConnectsThroughTheIamPluginAsTheAppRoleAndServesTasks() {
        assertThat(service.management("/health/ready").statusCode()).isEqualTo(200);
        var created = service.postTask("{\"prompt\":\"connected with a token\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = Json.parse(created.body()).path("id").asString();
        assertThat(service.get("/v1/tasks/" + id).statusCode()).isEqualTo(200);
        assertThat(service.countRows("id = '" + id + "'")).isEqualTo(1);
    }

    @Test
    void thePluginSignsAnRdsTokenForTheRoleWithTheDefaultCredentialsChain() throws Exception {
        previousLevel = PLUGIN_LOG.getLevel();
        PLUGIN_LOG.setLevel(Level.FINEST);
        PLUGIN_LOG.addHandler(capture);
        IamAuthConnectionPlugin.clearCache();
        ServiceConfig.Database database = service.context().getBean(ServiceConfig.class).database();
        try (Connection connection = new PostgresDataSource(database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet user = statement.executeQuery("SELECT current_user")) {
            user.next();
            assertThat(user.getString(1)).isEqualTo(APP_ROLE);
        } finally {
            PLUGIN_LOG.removeHandler(capture);
            PLUGIN_LOG.setLevel(previousLevel);
        }
        String port = String.valueOf(EmbeddedServers.get().postgresPort());
        assertThat(pluginMessages).anySatisfy(message -> assertThat(message)
                .contains("localhost:" + port + "/?")
                .contains("Action=connect")
                .contains("DBUser=" + APP_ROLE)
                .contains("X-Amz-Credential=" + FAKE_ACCESS_KEY + "%2F")
                .contains("%2Feu-west-1%2Frds-db%2Faws4_request")
                .contains("X-Amz-Signature="));
    }

    @Test
    void theConnectionsBelongToTheAppRole() throws Exception {
        try (Connection connection = EmbeddedServers.get().connect(service.database());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND application_name = 'agent-service'")) {
            List<String> users = new java.util.ArrayList<>();
            while (rows.next()) {
                users.add(rows.getString(1));
            }
            assertThat(users).containsExactly(APP_ROLE);
        }
    }
}

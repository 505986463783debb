package io.agentplatform.workload;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's settings are one list: what the ConfigMap holds is what the container reads from it. */
class AgentEnvironmentTest {

    /** The names the container reads from the ConfigMap (configMapKeyRef), in order. */
    private static List<String> configMapRefs(List<EnvVarArgs> env) {
        return env.stream().filter(e -> e.valueFrom().isPresent())
                .map(e -> Values.of(Values.of(e.valueFrom()).configMapKeyRef()))
                .peek(ref -> assertEquals(AgentWorkload.CONFIG_MAP, Values.of(ref.name())))
                .map(ref -> Values.of(ref.key()))
                .toList();
    }

    @Test
    void aKeyAddedToTheEnvironmentReachesBothTheConfigMapAndTheContainer() {
        // WHEN a variable is added to the one map
        Map<String, Output<String>> variables = new LinkedHashMap<>(
                AgentEnvironment.of(Inline.offline(), Inline.inClusterData()).variables());
        variables.put("FEATURE_FLAGS", Output.of("search"));
        AgentEnvironment env = new AgentEnvironment(variables);
        // THEN the ConfigMap holds it and the container reads it from there
        assertEquals("search", Values.of(env.configMapData()).get("FEATURE_FLAGS"));
        assertTrue(configMapRefs(AgentContainer.env(env.names(), true, false)).contains("FEATURE_FLAGS"));
    }

    @Test
    void everyConfigMapKeyIsReadByTheContainerAndNothingElse() {
        AgentEnvironment env = AgentEnvironment.of(Inline.settings(Optional.empty(), Optional.of("https://api.example.com/v1")),
                Inline.iamData());
        List<String> refs = configMapRefs(AgentContainer.env(env.names(), false, true));
        assertEquals(Values.of(env.configMapData()).keySet(), new java.util.TreeSet<>(refs));
        assertEquals(refs.size(), Values.of(env.configMapData()).size(), "each key read once");
    }

    @Test
    void iamLoginAddsTheRegionAndSaysIam() {
        Map<String, String> data = Values.of(AgentEnvironment.of(Inline.offline(), Inline.iamData()).configMapData());
        assertEquals("iam", data.get("DB_AUTH"));
        assertEquals("eu-west-1", data.get("AWS_REGION"));
        assertEquals("agent_app", data.get("DB_USER"));
        assertEquals("db.example.internal", data.get("DB_HOST"));
        assertEquals("5432", data.get("DB_PORT"));
        assertEquals("true", data.get("REDIS_TLS"));
    }

    @Test
    void aPasswordLoginHasNoRegionAndTheOfflineModelNoModelSettings() {
        Map<String, String> data = Values.of(AgentEnvironment.of(Inline.offline(), Inline.inClusterData()).configMapData());
        assertEquals("password", data.get("DB_AUTH"));
        assertFalse(data.containsKey("AWS_REGION"));
        assertFalse(data.containsKey("LLM_API_URL"));
        assertFalse(data.containsKey("LLM_MODEL"));
        assertEquals("false", data.get("REDIS_TLS"));
        assertEquals("30", data.get("SHUTDOWN_GRACE_SECONDS"));
        assertEquals("120", data.get("RATE_LIMIT_PER_MINUTE"));
    }

    @Test
    void howTheAppLogsInFollowsTheLoginTypeNotWhereTheDatabaseRuns() {
        // WHEN an RDS-like connection (TLS, owner in Secrets Manager) gives the app role a password login
        DataConnections rds = Inline.iamData();
        DataConnections withPassword = new DataConnections(new DataConnections.Database(rds.database().owner(),
                rds.database().ownerUser(), new DataConnections.PasswordLogin(Output.ofSecret("app-password")),
                rds.database().host(), rds.database().port(), true, "agent", rds.database().peer()), rds.redis());
        Map<String, String> data = Values.of(AgentEnvironment.of(Inline.offline(), withPassword).configMapData());
        // THEN the app logs in with the password and is given no region to sign tokens for
        assertEquals("password", data.get("DB_AUTH"));
        assertFalse(data.containsKey("AWS_REGION"));
        assertEquals("require", data.get("DB_SSL_MODE"), "TLS still follows the server");
    }

    @Test
    void noSecretIsInTheEnvironmentOnlyPathsToFiles() {
        AgentEnvironment env = AgentEnvironment.of(Inline.settings(Optional.empty(), Optional.of("https://api.example.com/v1")),
                Inline.inClusterData());
        Map<String, String> literal = new LinkedHashMap<>();
        AgentContainer.env(env.names(), true, true).stream().filter(e -> e.value().isPresent())
                .forEach(e -> literal.put(Values.of(e.name()), Values.of(e.value())));
        assertEquals(Map.of("DB_PASSWORD_FILE", AgentWorkload.DB_PASSWORD_PATH,
                "REDIS_PASSWORD_FILE", AgentWorkload.REDIS_PASSWORD_PATH,
                "LLM_API_KEY_FILE", AgentWorkload.LLM_API_KEY_PATH), literal);
        assertFalse(Values.of(env.configMapData()).values().stream().anyMatch(v -> v.equals("app-password") || v.equals("token")));
    }
}

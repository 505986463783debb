package io.agentplatform.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.TestStacks;
import io.agentplatform.incluster.InClusterData;
import io.agentplatform.plan.Plan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.agentplatform.workload.AgentObjects.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent on a per-PR stack (the committed {@code pr} template): the database password in the in-cluster data's
 * Kubernetes Secret, no IRSA, no monitoring. WHEN it also talks to a remote model, THEN the model key is a mounted
 * file and the pods get one egress rule to the model endpoint.
 */
class KubernetesSecretSourceTest {
    private static final String MODEL_URL = "https://api.example.com/v1";

    /** The pr stack with a remote model: the API key is a required secret, a placeholder in the offline plan. */
    private static TestStacks.TestStack prWithRemoteModel() {
        return TestStacks.of("pr").with("agent.llmApiUrl", MODEL_URL).with("agent.llmModel", "gpt-4o-mini");
    }

    @Test
    void theExistingSecretIsMountedAndNoOperatorOrRoleIsCreated() {
        Plan plan = prWithRemoteModel().plan();
        AgentObjects a = AgentObjects.of(prWithRemoteModel());
        assertTrue(plan.ofType(AgentObjects.EXTERNAL_SECRET).isEmpty());
        assertTrue(plan.ofType(AgentObjects.SECRET_STORE).isEmpty());
        assertTrue(plan.ofType(AgentObjects.RELEASE).isEmpty());
        assertTrue(plan.ofType("aws:iam/role:Role").isEmpty());
        assertTrue(plan.ofType(AgentObjects.SERVICE_MONITOR).isEmpty());
        assertTrue(a.named(AgentObjects.SERVICE_ACCOUNT, "agent").input("metadata.annotations").isMissingNode());

        // The service pods log in as the application role with its own password; the owner's stays with the Job.
        JsonNode agent = a.container(AgentWorkload.APP);
        Map<String, String> env = AgentObjects.env(agent);
        JsonNode config = a.named(AgentObjects.CONFIG_MAP, AgentWorkload.CONFIG_MAP).input("data");
        assertEquals("agent_app", config.path("DB_USER").asText());
        assertEquals("password", config.path("DB_AUTH").asText());
        assertFalse(config.has("AWS_REGION"));
        assertEquals(AgentWorkload.DB_PASSWORD_PATH, env.get("DB_PASSWORD_FILE"));
        assertEquals(AgentWorkload.APP_DB_SECRET, secretBehind(a.podSpec(), agent, AgentWorkload.DB_PASSWORD_PATH));
        for (JsonNode v : a.podSpec().path("volumes")) {
            assertFalse(v.path("secret").path("secretName").asText().equals(InClusterData.SECRET_NAME),
                    "the owner's password is never in the service pods");
        }
        JsonNode migrate = a.jobContainer();
        Map<String, String> jobEnv = AgentObjects.env(migrate);
        assertEquals("agent", jobEnv.get("DB_USER"));
        assertEquals(InClusterData.SECRET_NAME, secretBehind(a.jobPodSpec(), migrate, jobEnv.get("DB_PASSWORD_FILE")),
                "the Job reads the owner's password from the in-cluster data's Secret");
        assertEquals("password", jobEnv.get("DB_APP_AUTH"));
        assertEquals("agent_app", jobEnv.get("DB_APP_USER"));
        assertEquals(AgentWorkload.APP_DB_SECRET, secretBehind(a.jobPodSpec(), migrate, jobEnv.get("DB_APP_PASSWORD_FILE")));
        JsonNode appPassword = a.named(AgentObjects.SECRET, AgentWorkload.APP_DB_SECRET).input("stringData");
        assertTrue(appPassword.isObject() && appPassword.size() > 0, "the Secret keeps its keys: " + appPassword);
        appPassword.forEach(v -> assertEquals("[secret]", v.asText(), "the derived password stays a secret"));
        assertTrue(AgentWiringTest.fileOnSecretVolume(a.podSpec(), agent, AgentWorkload.LLM_API_KEY_PATH));
        int grace = prWithRemoteModel().config().agent().shutdownGraceSeconds();
        assertEquals(grace + AgentWorkload.PRE_STOP_SECONDS + AgentWorkload.TERMINATION_MARGIN_SECONDS,
                a.podSpec().path("terminationGracePeriodSeconds").asInt());
        assertTrue(a.podSpec().path("nodeSelector").isMissingNode(), "the pr stack does not know the platform's node groups");
        assertFalse(plan.toJsonText().contains("offline-plan-placeholder-for-"), "secrets stay secret in the plan");
    }

    /** The Secret whose item is mounted at the path in the container (no subPath), or null. */
    private static String secretBehind(JsonNode pod, JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            String prefix = mount.path("mountPath").asText() + "/";
            for (JsonNode volume : pod.path("volumes")) {
                if (path.startsWith(prefix) && volume.path("name").asText().equals(mount.path("name").asText())) {
                    for (JsonNode item : volume.path("secret").path("items")) {
                        if ((prefix + item.path("path").asText()).equals(path)) {
                            return volume.path("secret").path("secretName").asText();
                        }
                    }
                }
            }
        }
        return null;
    }

    @Test
    void aRemoteModelGetsItsSettingsAndAnEgressRuleToHttpsAnywhere() {
        AgentObjects a = AgentObjects.of(prWithRemoteModel());
        JsonNode config = a.named(AgentObjects.CONFIG_MAP, AgentWorkload.CONFIG_MAP).input("data");
        assertEquals(MODEL_URL, config.path("LLM_API_URL").asText());
        assertEquals("gpt-4o-mini", config.path("LLM_MODEL").asText());
        assertEquals("false", config.path("REDIS_TLS").asText(), "in-cluster Valkey speaks plain text");
        JsonNode rule = a.named(AgentObjects.NETWORK_POLICY, "agent-allow-model-endpoint").input("spec.egress.0");
        assertEquals("0.0.0.0/0", rule.path("to").path(0).path("ipBlock").path("cidr").asText());
        assertEquals(443, rule.path("ports").path(0).path("port").asInt());
    }

    @Test
    void onAPlatformStackTheModelEgressRuleExcludesTheVpc() {
        AgentObjects a = AgentObjects.of(TestStacks.of("dev").with("agent.llmApiUrl", MODEL_URL).with("agent.llmModel", "gpt-4o-mini"));
        JsonNode rule = a.named(AgentObjects.NETWORK_POLICY, "agent-allow-model-endpoint").input("spec.egress.0");
        assertEquals("0.0.0.0/0", rule.path("to").path(0).path("ipBlock").path("cidr").asText());
        assertEquals(List.of("10.10.0.0/16"), texts(rule.path("to").path(0).path("ipBlock").path("except")),
                "the VPC of Pulumi.dev.yaml is reached only through the other rules");
        assertEquals(443, rule.path("ports").path(0).path("port").asInt());
    }

    @Test
    void withoutARemoteModelThereIsNoModelEgressAndNoKeyFile() {
        AgentObjects a = AgentObjects.of("pr");
        assertTrue(a.all(AgentObjects.NETWORK_POLICY).stream()
                .noneMatch(p -> p.input("metadata.name").asText().equals("agent-allow-model-endpoint")));
        assertFalse(AgentWiringTest.fileOnSecretVolume(a.podSpec(), a.container(AgentWorkload.APP), AgentWorkload.LLM_API_KEY_PATH));
        assertFalse(a.named(AgentObjects.CONFIG_MAP, AgentWorkload.CONFIG_MAP).input("data").has("LLM_API_URL"));
    }
}

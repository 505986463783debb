package io.agentplatform.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.core.NetworkPeer;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.agentplatform.StackPlans;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.Tags;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlanRunner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentplatform.workload.AgentObjects.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component on its own, as a per-PR stack would use it: the database password in an existing Kubernetes Secret
 * (in-cluster PostgreSQL), no IRSA, no monitoring, a remote model. No operator, role or ExternalSecret then, and
 * the remote model gets its key file and its egress rule.
 */
class KubernetesSecretSourceTest {

    private static final String VPC = "10.50.0.0/16";

    private static void program(Context ctx, PlatformConfig cfg) {
        PlatformContext platform = new PlatformContext(new Naming(cfg.project(), cfg.stack()),
                new Tags(cfg.project(), cfg.environment().configName(), cfg.owner(), cfg.extraTags()));
        var k8s = new com.pulumi.kubernetes.Provider("k8s", com.pulumi.kubernetes.ProviderArgs.builder()
                .kubeconfig(Output.ofSecret("apiVersion: v1\nkind: Config\n# dummy kubeconfig of the offline test\n"))
                .build());
        AgentSettings settings = cfg.agent().toBuilder().replicas(1).minReplicas(1).maxReplicas(2)
                .targetCpuPercent(70).targetMemoryPercent(80).scaleDownStabilizationSeconds(0).ingress(Optional.empty())
                .llmApiUrl(Optional.of("https://api.example.com/v1")).rateLimitPerMinute(60)
                .llmModel(Optional.of("gpt-4o-mini")).shutdownGraceSeconds(30).build();
        DataConnections data = new DataConnections(
                new DataConnections.Database(new DataConnections.KubernetesSecret("postgres-credentials", "postgres-password"),
                        "agent", new DataConnections.PasswordLogin(Output.ofSecret("an-app-password-for-the-test")),
                        Output.of("postgres.agent.svc.cluster.local"), Output.of(5432), false, "agent", NetworkPeer.Addresses.of(List.of(VPC))),
                new DataConnections.Redis(Output.of("redis.agent.svc.cluster.local"), Output.of(6379), false,
                        Output.ofSecret("a-redis-password-for-the-test"), NetworkPeer.Addresses.of(List.of(VPC))));
        AgentWorkload agent = new AgentWorkload(new AgentWorkloadArgs(settings, "agent", data,
                Optional.of(Output.ofSecret("a-model-key-for-the-test")), Optional.empty(), Optional.of(VPC), List.of(), Map.of(),
                List.of(), Optional.empty(), Map.of(), Optional.empty()), platform,
                ComponentResourceOptions.builder().providers(k8s).build());
        ctx.export("appNamespace", Output.of(agent.outputs().namespace()));
    }

    private static Plan plan() {
        return PlanRunner.run(StackPlans.config("dev"), KubernetesSecretSourceTest::program);
    }

    @Test
    void theExistingSecretIsMountedAndNoOperatorOrRoleIsCreated() {
        Plan plan = plan();
        AgentObjects a = new AgentObjects("pr", plan);
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
            assertFalse(v.path("secret").path("secretName").asText().equals("postgres-credentials"),
                    "the owner's password is never in the service pods");
        }
        JsonNode migrate = a.jobContainer();
        Map<String, String> jobEnv = AgentObjects.env(migrate);
        assertEquals("agent", jobEnv.get("DB_USER"));
        assertEquals("postgres-credentials", secretBehind(a.jobPodSpec(), migrate, jobEnv.get("DB_PASSWORD_FILE")));
        assertEquals("password", jobEnv.get("DB_APP_AUTH"));
        assertEquals("agent_app", jobEnv.get("DB_APP_USER"));
        assertEquals(AgentWorkload.APP_DB_SECRET, secretBehind(a.jobPodSpec(), migrate, jobEnv.get("DB_APP_PASSWORD_FILE")));
        JsonNode appPassword = a.named(AgentObjects.SECRET, AgentWorkload.APP_DB_SECRET).input("stringData");
        assertTrue(appPassword.isObject() && appPassword.size() > 0, "the Secret keeps its keys: " + appPassword);
        appPassword.forEach(v -> assertEquals("[secret]", v.asText(), "the derived password stays a secret"));
        assertTrue(AgentWiringTest.fileOnSecretVolume(a.podSpec(), agent, AgentWorkload.LLM_API_KEY_PATH));
        assertEquals(30 + AgentWorkload.PRE_STOP_SECONDS + AgentWorkload.TERMINATION_MARGIN_SECONDS,
                a.podSpec().path("terminationGracePeriodSeconds").asInt());
        assertTrue(a.podSpec().path("nodeSelector").isMissingNode());
        assertFalse(plan.toJsonText().contains("for-the-test"), "secrets stay secret in the plan");
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
    void aRemoteModelGetsItsSettingsAndAnEgressRuleThatExcludesTheVpc() {
        AgentObjects a = new AgentObjects("pr", plan());
        JsonNode config = a.named(AgentObjects.CONFIG_MAP, AgentWorkload.CONFIG_MAP).input("data");
        assertEquals("https://api.example.com/v1", config.path("LLM_API_URL").asText());
        assertEquals("gpt-4o-mini", config.path("LLM_MODEL").asText());
        assertEquals("false", config.path("REDIS_TLS").asText());
        JsonNode rule = a.named(AgentObjects.NETWORK_POLICY, "agent-allow-model-endpoint").input("spec.egress.0");
        assertEquals("0.0.0.0/0", rule.path("to").path(0).path("ipBlock").path("cidr").asText());
        assertEquals(List.of(VPC), texts(rule.path("to").path(0).path("ipBlock").path("except")));
        assertEquals(443, rule.path("ports").path(0).path("port").asInt());
    }
}

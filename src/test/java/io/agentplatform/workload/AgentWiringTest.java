package io.agentplatform.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.config.AgentSettings;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.agentplatform.workload.AgentObjects.map;
import static io.agentplatform.workload.AgentObjects.selects;
import static io.agentplatform.workload.AgentObjects.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-resource checks on each committed stack's full plan: the objects of the agent refer to each other by
 * labels, names, port names and keys that exist.
 */
class AgentWiringTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theDeploymentSelectorMatchesItsPodLabels(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        Map<String, String> selector = map(a.deployment().input("spec.selector.matchLabels"));
        assertTrue(selects(selector, a.podLabels()), stack + ": selector " + selector + " vs pod labels " + a.podLabels());
        assertFalse(selector.containsKey("app.kubernetes.io/version"), "a selector must not change with the image version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void serviceAndPdbSelectThePodsAndTheHpaScalesWhatReleasesThem(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        Map<String, String> pods = a.podLabels();
        assertTrue(selects(map(a.named(AgentObjects.SERVICE, AgentWorkload.APP).input("spec.selector")), pods), "Service selects the pods");
        assertTrue(selects(map(a.one(AgentObjects.PDB).input("spec.selector.matchLabels")), pods), "PDB selects the pods");
        JsonNode target = a.one(AgentObjects.HPA).input("spec.scaleTargetRef");
        // With a Rollout (canary, blueGreen) it owns the replica count; the Deployment is only its pod template.
        List<PlannedResource> rollouts = a.all(AgentObjects.ROLLOUT);
        PlannedResource scaled = rollouts.isEmpty() ? a.deployment() : rollouts.get(0);
        assertEquals(rollouts.isEmpty() ? "Deployment" : "Rollout", target.path("kind").asText());
        assertEquals(scaled.input("apiVersion").asText(), target.path("apiVersion").asText());
        assertEquals(scaled.input("metadata.name").asText(), target.path("name").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theServiceMonitorSelectsTheServiceAndScrapesANamedPortItHas(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        PlannedResource service = a.named(AgentObjects.SERVICE, AgentWorkload.APP);
        JsonNode spec = a.one(AgentObjects.SERVICE_MONITOR).input("spec");
        assertTrue(selects(map(spec.path("selector").path("matchLabels")), map(service.input("metadata.labels"))));
        assertEquals(List.of(AgentObjects.NS), texts(spec.path("namespaceSelector").path("matchNames")));
        Set<String> servicePorts = new HashSet<>();
        service.input("spec.ports").forEach(p -> servicePorts.add(p.path("name").asText()));
        spec.path("endpoints").forEach(e -> assertTrue(servicePorts.contains(e.path("port").asText()),
                "ServiceMonitor port " + e.path("port").asText() + " is a Service port " + servicePorts));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyNetworkPolicySelectsTheAgentPodsTheMigrationPodsOrTheWholeNamespace(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        List<PlannedResource> policies = a.all(AgentObjects.NETWORK_POLICY);
        assertFalse(policies.isEmpty());
        for (PlannedResource p : policies) {
            Map<String, String> sel = map(p.input("spec.podSelector.matchLabels"));
            assertTrue(sel.isEmpty() ? p.input("metadata.name").asText().endsWith("default-deny")
                            : selects(sel, a.podLabels()) || selects(sel, a.jobPodLabels()),
                    p.name() + " selects " + sel);
            assertFalse(selects(sel, a.podLabels()) && selects(sel, a.jobPodLabels()),
                    p.name() + ": the agent's and the migration's flows are separate");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theMigrationPodsAreSelectedByNeitherTheServiceNorThePdb(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        Map<String, String> job = a.jobPodLabels();
        assertFalse(selects(map(a.named(AgentObjects.SERVICE, AgentWorkload.APP).input("spec.selector")), job), "no traffic to the Job's pod");
        assertFalse(selects(map(a.one(AgentObjects.PDB).input("spec.selector.matchLabels")), job));
        assertFalse(selects(map(a.deployment().input("spec.selector.matchLabels")), job));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void probePortsServicePortsAndTheIngressBackendNameContainerPorts(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        JsonNode agent = a.container(AgentWorkload.APP);
        Set<String> containerPorts = new HashSet<>();
        agent.path("ports").forEach(p -> containerPorts.add(p.path("name").asText()));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String port = agent.path(probe).path("httpGet").path("port").asText();
            assertEquals(AgentWorkload.MANAGEMENT_PORT_NAME, port, probe + " by name on the management port");
            assertTrue(containerPorts.contains(port), probe);
        }
        assertEquals("/health/started", agent.path("startupProbe").path("httpGet").path("path").asText());
        assertEquals("/health/live", agent.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/health/ready", agent.path("readinessProbe").path("httpGet").path("path").asText());
        Set<String> servicePorts = new HashSet<>();
        a.named(AgentObjects.SERVICE, AgentWorkload.APP).input("spec.ports").forEach(p -> {
            servicePorts.add(p.path("name").asText());
            assertTrue(containerPorts.contains(p.path("targetPort").asText()), "Service targetPort " + p);
        });
        // Behind an ALB a canary's backend is the actions annotation the Rollout writes for its root Service.
        JsonNode alb = a.all(AgentObjects.ROLLOUT).stream().map(r -> r.input("spec.strategy.canary.trafficRouting.alb"))
                .findFirst().orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        a.all(AgentObjects.INGRESS).forEach(i -> i.input("spec.rules").forEach(rule -> rule.path("http").path("paths").forEach(path -> {
            JsonNode backend = path.path("backend").path("service");
            if (alb.isMissingNode()) {
                assertTrue(servicePorts.contains(backend.path("port").path("name").asText()), "backend " + backend);
            } else {
                assertEquals("use-annotation", backend.path("port").path("name").asText());
                assertEquals(alb.path("rootService").asText(), backend.path("name").asText());
                assertEquals(i.input("metadata.name").asText(), alb.path("ingress").asText());
            }
        })));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyEnvVarReferencesAKeyThatExistsOrAFileOnASecretVolume(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        assertEnvResolves(a, a.podSpec(), a.containers(), false);
        // The Job names its identities literally (DB_USER of the owner, DB_APP_USER, DB_APP_AUTH).
        assertEnvResolves(a, a.jobPodSpec(), List.of(a.jobContainer()), true);
    }

    private static void assertEnvResolves(AgentObjects a, JsonNode pod, List<JsonNode> containers, boolean literals) {
        for (JsonNode c : containers) {
            for (JsonNode env : c.path("env")) {
                String var = env.path("name").asText();
                JsonNode cm = env.path("valueFrom").path("configMapKeyRef");
                JsonNode sec = env.path("valueFrom").path("secretKeyRef");
                if (!cm.isMissingNode()) {
                    JsonNode data = a.named(AgentObjects.CONFIG_MAP, cm.path("name").asText()).input("data");
                    assertTrue(data.has(cm.path("key").asText()), var + " → ConfigMap key " + cm);
                    assertFalse(data.path(cm.path("key").asText()).asText().isBlank(), var + " has a value");
                } else if (!sec.isMissingNode()) {
                    assertTrue(a.named(AgentObjects.SECRET, sec.path("name").asText()).input("stringData").size() > 0, var);
                } else if (var.endsWith("_FILE")) {
                    assertTrue(fileOnSecretVolume(pod, c, env.path("value").asText()), var + " = " + env.path("value").asText()
                            + " is a key of a mounted secret volume");
                } else {
                    assertTrue(literals && !env.path("value").asText().isBlank(), var + " is neither a reference nor a secret file path");
                }
            }
        }
    }

    /** The path is {@code <mountPath>/<item path>} of a secret volume mounted in the container. */
    static boolean fileOnSecretVolume(JsonNode pod, JsonNode container, String path) {
        for (JsonNode mount : container.path("volumeMounts")) {
            String prefix = mount.path("mountPath").asText() + "/";
            if (!path.startsWith(prefix) || mount.has("subPath")) {
                continue;
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.path("name").asText().equals(mount.path("name").asText())) {
                    for (JsonNode item : volume.path("secret").path("items")) {
                        if ((prefix + item.path("path").asText()).equals(path)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void replicasAndAutoscalerBoundsAreTheConfiguredOnes(String stack) {
        AgentSettings s = StackPlans.config(stack).agent();
        AgentObjects a = AgentObjects.of(stack);
        assertEquals(s.replicas(), a.deployment().input("spec.replicas").asInt());
        JsonNode hpa = a.one(AgentObjects.HPA).input("spec");
        assertEquals(s.minReplicas(), hpa.path("minReplicas").asInt());
        assertEquals(s.maxReplicas(), hpa.path("maxReplicas").asInt());
        Map<String, Integer> targets = new java.util.HashMap<>();
        hpa.path("metrics").forEach(m -> targets.put(m.path("resource").path("name").asText(),
                m.path("resource").path("target").path("averageUtilization").asInt()));
        assertEquals(Map.of("cpu", s.targetCpuPercent(), "memory", s.targetMemoryPercent()), targets);
        // Replica counts that differ per environment, as committed.
        assertEquals(Map.of("dev", 1, "staging", 2, "production", 3).get(stack), hpa.path("minReplicas").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void autoscalerBehaviourScalesUpAtOnceAndDownAfterTheEnvironmentsWindow(String stack) {
        AgentSettings s = StackPlans.config(stack).agent();
        JsonNode behavior = AgentObjects.of(stack).one(AgentObjects.HPA).input("spec.behavior");
        assertEquals(0, behavior.path("scaleUp").path("stabilizationWindowSeconds").asInt());
        assertEquals(s.scaleDownStabilizationSeconds(), behavior.path("scaleDown").path("stabilizationWindowSeconds").asInt());
        assertEquals(Map.of("dev", 60, "staging", 300, "production", 600).get(stack),
                behavior.path("scaleDown").path("stabilizationWindowSeconds").asInt());
        assertTrue(behavior.path("scaleUp").path("policies").size() > 0 && behavior.path("scaleDown").path("policies").size() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void noContainerWithoutRequestsLimitsOrProbesAndNoLatestImage(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        String image = StackPlans.config(stack).agent().image();
        for (PlannedResource workload : a.plan().ofType(AgentObjects.DEPLOYMENT)) {
            JsonNode pod = workload.input("spec.template.spec");
            for (String list : List.of("initContainers", "containers")) {
                for (JsonNode c : pod.path(list)) {
                    String name = workload.name() + "/" + c.path("name").asText();
                    for (String q : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                        String[] parts = q.split("\\.");
                        assertFalse(c.path("resources").path(parts[0]).path(parts[1]).asText().isBlank(), name + " " + q);
                    }
                    if (list.equals("containers")) {
                        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                            assertTrue(c.path(probe).isObject(), name + " " + probe);
                        }
                    }
                    String img = c.path("image").asText();
                    assertFalse(img.endsWith(":latest") || !(img.contains("@sha256:") || img.substring(img.lastIndexOf('/') + 1).contains(":")),
                            name + " image " + img + " is pinned");
                }
            }
        }
        assertEquals(image, a.container(AgentWorkload.APP).path("image").asText());
    }
}

package io.agentplatform.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.config.MonitoringSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitoring stack as the offline plan of the real program over each committed stack shows it. */
class MonitoringStackTest {

    private static JsonNode values(Plan plan, String release) {
        return MonitoringObjects.release(plan, release).input("values");
    }

    private static JsonNode kps(String stack) {
        return values(StackPlans.of(stack), "kube-prometheus-stack");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void chartsArePinnedToExactVersionsFromTheirHttpsRepositories(String stack) {
        Plan plan = StackPlans.of(stack);
        Map<String, String> expectedRepos = Map.of(
                "prometheus-operator-crds", "https://prometheus-community.github.io/helm-charts",
                "kube-prometheus-stack", "https://prometheus-community.github.io/helm-charts",
                "loki", "https://grafana-community.github.io/helm-charts",
                "alloy", "https://grafana.github.io/helm-charts");
        List<PlannedResource> releases = MonitoringObjects.releases(plan);
        assertEquals(4, releases.size());
        for (var e : expectedRepos.entrySet()) {
            PlannedResource r = MonitoringObjects.release(plan, e.getKey());
            assertEquals(e.getKey(), r.input("chart").asText(), "release name is the chart name, fixed");
            assertTrue(r.input("version").asText().matches("\\d+\\.\\d+\\.\\d+"), "exact semver: " + r.input("version"));
            assertEquals(e.getValue(), r.input("repositoryOpts.repo").asText());
            assertEquals(e.getKey().equals("prometheus-operator-crds") ? "kube-system" : "monitoring",
                    r.input("namespace").asText(), "the CRD release needs no namespace of ours");
            assertTrue(r.input("atomic").asBoolean(), "a failed upgrade rolls back");
            assertTrue(r.input("timeout").asInt() >= 300, "enough time for the pods to become ready");
        }
        assertTrue(MonitoringObjects.release(plan, "kube-prometheus-stack").input("version").asText().startsWith("88."),
                "kube-prometheus-stack 88.x is the current major");
    }

    @Test
    void prometheusRetentionSizeAndVolumeFollowEachEnvironment() {
        Set<String> retentions = new HashSet<>();
        for (String stack : List.of("dev", "staging", "production")) {
            MonitoringSettings s = StackPlans.config(stack).monitoring().orElseThrow().settings();
            JsonNode spec = kps(stack).path("prometheus").path("prometheusSpec");
            assertEquals(s.prometheusRetention(), spec.path("retention").asText(), stack);
            assertEquals(s.prometheusRetentionSize(), spec.path("retentionSize").asText(), stack);
            assertEquals(s.prometheusReplicas(), spec.path("replicas").asInt(), stack);
            JsonNode pvc = spec.path("storageSpec").path("volumeClaimTemplate").path("spec");
            assertEquals(s.prometheusVolumeGiB() + "Gi", pvc.path("resources").path("requests").path("storage").asText());
            assertEquals(MonitoringObjects.storageClassName(StackPlans.of(stack)), pvc.path("storageClassName").asText(),
                    "the volumes claim the platform's StorageClass");
            JsonNode am = kps(stack).path("alertmanager").path("alertmanagerSpec");
            assertEquals(s.alertmanagerReplicas(), am.path("replicas").asInt(), stack);
            assertEquals(s.alertmanagerVolumeGiB() + "Gi",
                    am.path("storage").path("volumeClaimTemplate").path("spec").path("resources").path("requests").path("storage").asText());
            assertEquals(s.grafanaReplicas(), kps(stack).path("grafana").path("replicas").asInt(), stack);
            retentions.add(spec.path("retention").asText() + "/" + spec.path("retentionSize").asText());
        }
        assertEquals(3, retentions.size(), "each environment keeps a different amount of history");
        assertEquals("30d", kps("production").path("prometheus").path("prometheusSpec").path("retention").asText());
    }

    @Test
    void productionSurvivesTheLossOfANode() {
        JsonNode v = kps("production");
        assertTrue(v.path("prometheus").path("prometheusSpec").path("replicas").asInt() >= 2);
        assertTrue(v.path("alertmanager").path("alertmanagerSpec").path("replicas").asInt() >= 2);
        assertEquals("hard", v.path("prometheus").path("prometheusSpec").path("podAntiAffinity").asText(),
                "replicas on different nodes");
        assertEquals("hard", v.path("alertmanager").path("alertmanagerSpec").path("podAntiAffinity").asText());
        assertTrue(v.path("prometheus").path("podDisruptionBudget").path("enabled").asBoolean());
        assertTrue(v.path("alertmanager").path("podDisruptionBudget").path("enabled").asBoolean());
    }

    @Test
    void controlPlaneJobsThatEksDoesNotExposeAreOff() {
        JsonNode v = kps("staging");
        for (String part : List.of("kubeControllerManager", "kubeScheduler", "kubeEtcd", "kubeProxy")) {
            assertFalse(v.path(part).path("enabled").asBoolean(true), part + " is not scrapeable on EKS");
        }
        assertFalse(v.path("defaultRules").path("rules").path("etcd").asBoolean(true));
    }

    @Test
    void prometheusSelectsMonitorsAndRulesWithoutTheReleaseLabel() {
        JsonNode spec = kps("dev").path("prometheus").path("prometheusSpec");
        for (String key : List.of("serviceMonitorSelectorNilUsesHelmValues", "ruleSelectorNilUsesHelmValues",
                "podMonitorSelectorNilUsesHelmValues")) {
            assertTrue(spec.has(key), key);
            assertFalse(spec.path(key).asBoolean(true), key);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void noCredentialAppearsInThePlan(String stack) {
        Plan plan = StackPlans.of(stack);
        String json = plan.toJsonText();
        assertFalse(json.contains("offline-plan-placeholder-for-"), "a secret's text leaked into the plan");
        JsonNode grafana = kps(stack).path("grafana");
        assertFalse(grafana.has("adminPassword"));
        assertEquals("grafana-admin", grafana.path("admin").path("existingSecret").asText());
        PlannedResource secret = plan.matching(r -> r.type().equals("kubernetes:core/v1:Secret")
                && r.input("metadata.name").asText().equals("grafana-admin")).get(0);
        assertTrue(secret.input("stringData").size() > 0);
        secret.input("stringData").forEach(v -> assertEquals(Plan.SECRET, v.asText(),
                "the password reaches the Secret only as a Pulumi secret"));

        JsonNode config = kps(stack).path("alertmanager").path("config");
        List<String> credentialFields = new ArrayList<>();
        config.path("receivers").forEach(r -> r.fields().forEachRemaining(f -> {
            if (f.getValue().isArray()) {
                f.getValue().forEach(c -> c.fieldNames().forEachRemaining(credentialFields::add));
            }
        }));
        for (String plain : List.of("api_url", "bot_token", "routing_key", "service_key")) {
            assertFalse(credentialFields.contains(plain), plain + " must be read from a file");
        }
    }

    private static Map<String, JsonNode> receivers(String stack) {
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        kps(stack).path("alertmanager").path("config").path("receivers").forEach(r -> byName.put(r.path("name").asText(), r));
        return byName;
    }

    @Test
    void devPostsToSlackOnlyAndPagesNobody() {
        Map<String, JsonNode> receivers = receivers("dev");
        assertEquals(Set.of("null", "chat"), receivers.keySet());
        JsonNode chat = receivers.get("chat");
        assertFalse(chat.has("telegram_configs"));
        assertFalse(kps("dev").toString().contains("pagerduty"));
        assertEquals("/etc/alertmanager/secrets/alertmanager-receivers/slack-webhook-url",
                chat.path("slack_configs").path(0).path("api_url_file").asText());
        assertEquals("#agent-platform-dev", chat.path("slack_configs").path(0).path("channel").asText());
        assertEquals(List.of("alertmanager-receivers"),
                List.of(kps("dev").path("alertmanager").path("alertmanagerSpec").path("secrets").path(0).asText()));
    }

    @Test
    void productionPagesOnCriticalAndPostsCriticalAndWarningToChat() {
        Map<String, JsonNode> receivers = receivers("production");
        assertEquals(Set.of("null", "chat", "pager"), receivers.keySet());
        String dir = "/etc/alertmanager/secrets/alertmanager-receivers/";
        assertTrue(receivers.get("pager").path("pagerduty_configs").path(0).path("routing_key_file").asText().startsWith(dir));
        assertTrue(receivers.get("chat").path("telegram_configs").path(0).path("bot_token_file").asText().startsWith(dir));
        assertEquals(-1001234567890L, receivers.get("chat").path("telegram_configs").path(0).path("chat_id").asLong());
        assertTrue(receivers.get("chat").path("slack_configs").path(0).path("api_url_file").asText().startsWith(dir));

        JsonNode route = kps("production").path("alertmanager").path("config").path("route");
        assertEquals("null", route.path("receiver").asText(), "nothing unrouted is notified");
        Set<String> groupBy = new TreeSet<>();
        route.path("group_by").forEach(g -> groupBy.add(g.asText()));
        assertTrue(groupBy.containsAll(Set.of("alertname", "namespace", "severity")));
        List<String> order = new ArrayList<>();
        route.path("routes").forEach(r -> order.add(r.path("matchers").path(0).asText() + " -> " + r.path("receiver").asText()
                + (r.path("continue").asBoolean() ? " (continue)" : "")));
        assertEquals(List.of(
                "alertname = \"Watchdog\" -> null",
                "alertname = \"InfoInhibitor\" -> null",
                "severity = \"critical\" -> pager (continue)",
                "severity =~ \"critical|warning\" -> chat"), order);

        JsonNode inhibit = kps("production").path("alertmanager").path("config").path("inhibit_rules").path(0);
        assertEquals("severity = \"critical\"", inhibit.path("source_matchers").path(0).asText());
        assertTrue(inhibit.path("target_matchers").path(0).asText().contains("warning"));
        assertEquals("[\"alertname\",\"namespace\"]", inhibit.path("equal").toString());
    }

    @Test
    void stagingWithoutPagerdutyStillPostsCriticalAlertsToChat() {
        assertEquals(Set.of("null", "chat"), receivers("staging").keySet());
        JsonNode routes = kps("staging").path("alertmanager").path("config").path("route").path("routes");
        boolean criticalToChat = false;
        for (JsonNode r : routes) {
            criticalToChat |= r.path("receiver").asText().equals("chat") && r.path("matchers").path(0).asText().contains("critical");
        }
        assertTrue(criticalToChat);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everythingWaitsForTheNodesAndCustomResourcesWaitForTheirCrds(String stack) {
        Plan plan = StackPlans.of(stack);
        List<PlannedResource> nodeGroups = plan.ofType("aws:eks/nodeGroup:NodeGroup");
        assertFalse(nodeGroups.isEmpty());
        PlannedResource crdRelease = MonitoringObjects.release(plan, "prometheus-operator-crds");
        String crdsUrn = crdRelease.urn();
        String kpsUrn = MonitoringObjects.release(plan, "kube-prometheus-stack").urn();
        PlannedResource namespace = plan.named("kubernetes:core/v1:Namespace", "agent-platform-" + stack + "-monitoring-namespace");
        List<PlannedResource> waiting = new ArrayList<>(MonitoringObjects.releases(plan));
        waiting.remove(crdRelease);
        waiting.add(namespace);
        assertEquals(List.of(), crdRelease.dependencies(), "CRDs need only the API server, no node");
        for (PlannedResource r : waiting) {
            for (PlannedResource nodes : nodeGroups) {
                assertTrue(r.dependsOn(nodes.urn()), r.name() + " waits for the nodes of " + nodes.name());
            }
        }
        assertFalse(MonitoringObjects.release(plan, "alloy").dependsOn(MonitoringObjects.release(plan, "loki").urn()),
                "Alloy retries its pushes: it does not wait for Loki");
        for (String name : List.of("kube-prometheus-stack", "loki", "alloy")) {
            assertTrue(MonitoringObjects.release(plan, name).dependsOn(crdsUrn), name + " creates custom resources: it needs the CRDs");
        }
        for (String name : List.of("loki", "alloy")) {
            assertFalse(MonitoringObjects.release(plan, name).dependsOn(kpsUrn),
                    name + "'s ServiceMonitor needs the CRDs, not the whole of kube-prometheus-stack");
        }
        assertFalse(MonitoringObjects.release(plan, "kube-prometheus-stack").input("values.crds.enabled").asBoolean(true),
                "the CRDs are installed once, by their own release");
        List<PlannedResource> crs = new ArrayList<>(plan.ofType(MonitoringObjects.SERVICE_MONITOR));
        crs.addAll(plan.ofType(MonitoringObjects.PROMETHEUS_RULE));
        String prefix = "agent-platform-" + stack + "-";
        assertEquals(Set.of(prefix + "agent-observability-service-monitor", prefix + "agent-observability-rules",
                        prefix + "argo-rollouts-service-monitor"), crs.stream().map(PlannedResource::name)
                        .collect(java.util.stream.Collectors.toSet()),
                "the agent's ServiceMonitor and PrometheusRule and the Argo Rollouts controller's ServiceMonitor");
        for (PlannedResource cr : crs) {
            assertTrue(cr.dependsOn(crdsUrn), cr.name() + " must wait for prometheus-operator-crds");
            assertFalse(cr.dependsOn(kpsUrn), cr.name() + " needs the CRDs, not kube-prometheus-stack");
        }
        String clusterProvider = plan.ofType("pulumi:providers:kubernetes").get(0).urn();
        for (PlannedResource r : MonitoringObjects.component(plan)) {
            if (r.custom() && r.type().startsWith("kubernetes:")) {
                assertTrue(clusterProvider.equals(r.provider()),
                        r.name() + " deploys with the cluster's provider, not the ambient kubeconfig: " + r.provider());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void onThePlatformMonitoringWaitsForTheStorageClassAndItsCrdsNotForOtherClusterServices(String stack) {
        Plan plan = StackPlans.of(stack);
        String storageClass = plan.ofType("kubernetes:storage.k8s.io/v1:StorageClass").get(0).urn();
        String kps = MonitoringObjects.release(plan, "kube-prometheus-stack").urn();
        assertTrue(plan.byUrn(kps).orElseThrow().dependsOn(storageClass), "Prometheus and Alertmanager have volumes");
        assertTrue(MonitoringObjects.release(plan, "loki").dependsOn(storageClass), "Loki has a volume");
        assertFalse(MonitoringObjects.release(plan, "alloy").dependsOn(storageClass), "Alloy has none");
        assertTrue(plan.named("kubernetes:core/v1:Namespace", "agent-platform-" + stack + "-monitoring-namespace")
                .dependsOn(storageClass), "its claims are deleted while the EBS CSI driver still runs");
        for (String name : List.of("kube-prometheus-stack", "loki", "alloy")) {
            PlannedResource r = MonitoringObjects.release(plan, name);
            for (String other : List.of("metrics-server", "aws-load-balancer-controller", "karpenter")) {
                assertFalse(r.dependsOn(MonitoringObjects.release(plan, other).urn()), name + " does not wait for " + other);
            }
        }
    }

    @Test
    void theNamespaceAllowsWhatNodeExporterAndAlloyNeed() {
        JsonNode labels = StackPlans.of("dev").named("kubernetes:core/v1:Namespace",
                "agent-platform-dev-monitoring-namespace").input("metadata.labels");
        assertEquals("monitoring", StackPlans.of("dev").named("kubernetes:core/v1:Namespace",
                "agent-platform-dev-monitoring-namespace").input("metadata.name").asText());
        assertEquals("privileged", labels.path("pod-security.kubernetes.io/enforce").asText());
        assertEquals("baseline", labels.path("pod-security.kubernetes.io/warn").asText());
    }

    @Test
    void stackOutputsNameTheServices() {
        Plan plan = StackPlans.of("staging");
        assertEquals("monitoring", plan.output("monitoringNamespace").asText());
        assertTrue(plan.output("grafanaUrl").asText().startsWith("kubectl -n monitoring port-forward svc/"));
        assertTrue(plan.output("prometheusService").asText().matches("[a-z0-9-]+\\.monitoring\\.svc:9090"));
        assertTrue(plan.output("alertmanagerService").asText().matches("[a-z0-9-]+\\.monitoring\\.svc:9093"));
    }
}

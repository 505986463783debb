package io.agentplatform.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cluster-side serialization rule: a Helm release waiting for a release or storage class it uses nothing of. */
class NeedlessWaitsTest {
    private static final String RELEASE = NeedlessWaits.RELEASE;
    private static final String STORAGE_CLASS = NeedlessWaits.STORAGE_CLASS;
    private static final String KPS = TinyPlans.urn(RELEASE, "kps");
    private static final String LOKI = TinyPlans.urn(RELEASE, "loki");
    private static final String GP3 = TinyPlans.urn(STORAGE_CLASS, "gp3");

    private static Map<String, Object> release(String chart, Map<String, ?> values) {
        return Map.of("chart", chart, "values", values);
    }

    private static TinyPlans monitoring() {
        return new TinyPlans("t")
                .resource(STORAGE_CLASS, "gp3", null, null, Map.of("metadata", Map.of("name", "gp3",
                        "annotations", Map.of("storageclass.kubernetes.io/is-default-class", "true"))))
                .resource(RELEASE, "kps", null, null, release("kube-prometheus-stack",
                        Map.of("prometheus", Map.of("storageSpec", Map.of("storageClassName", "gp3")))), GP3)
                .resource(RELEASE, "loki", null, null, release("loki", Map.of("monitoring",
                        Map.of("serviceMonitor", Map.of("enabled", true)), "singleBinary",
                        Map.of("persistence", Map.of("size", "10Gi")))), KPS, GP3);
    }

    private static List<String> warnings(Plan plan) {
        return Estimate.serializationWarnings(plan, DeployGraph.of(plan, CreateTimes.standard()));
    }

    @Test
    void releasesThatWaitOnlyForTheCrdsTheyUseAndTheStorageClassTheyNameAreNotFlagged() {
        Plan plan = monitoring()
                .resource(RELEASE, "alloy", null, null, release("alloy", Map.of("serviceMonitor", Map.of("enabled", true))), KPS)
                .plan();
        assertEquals(List.of(), warnings(plan));
    }

    @Test
    void aReleaseWaitingForAReleaseThatInstallsNothingItUsesIsFlaggedWithTheTimeItLoses() {
        // Alloy after Loki: Loki installs no CRD, so Alloy starts Loki's 120 s later than kube-prometheus-stack lets it.
        Plan plan = monitoring()
                .resource(RELEASE, "alloy", null, null, release("alloy", Map.of("serviceMonitor", Map.of("enabled", true))),
                        KPS, LOKI)
                .plan();
        List<String> warnings = warnings(plan);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("alloy (kubernetes:helm.sh/v3:Release) waits for loki,")
                && warnings.get(0).contains("120 s later"), warnings.get(0));
    }

    @Test
    void aReleaseWhoseValuesSwitchTheCrdKindOffDoesNotUseItsInstaller() {
        Plan plan = monitoring()
                .resource(RELEASE, "alloy", null, null, release("alloy", Map.of("serviceMonitor", Map.of("enabled", false))), KPS)
                .plan();
        assertEquals(1, warnings(plan).size(), warnings(plan).toString());
    }

    @Test
    void aReleaseWaitingForAChartWhoseCrdsAreSwitchedOffIsFlaggedAndTheCrdReleaseIsWhatItUses() {
        // kube-prometheus-stack with crds.enabled: false installs no CRD: Loki's ServiceMonitor needs the CRD release.
        String crds = TinyPlans.urn(RELEASE, "crds");
        Plan plan = new TinyPlans("t")
                .resource(RELEASE, "crds", null, null, release("prometheus-operator-crds", Map.of()))
                .resource(RELEASE, "kps", null, null, release("kube-prometheus-stack", Map.of("crds", Map.of("enabled", false),
                        "prometheus", Map.of("enabled", true))), crds)
                .resource(RELEASE, "loki", null, null, release("loki", Map.of("monitoring",
                        Map.of("serviceMonitor", Map.of("enabled", true)))), crds, KPS)
                .plan();
        List<String> warnings = warnings(plan);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("loki (kubernetes:helm.sh/v3:Release) waits for kps,")
                && warnings.get(0).contains("120 s later"), warnings.get(0));
    }

    @Test
    void aReleaseWaitingForAStorageClassItNeitherNamesNorNeedsIsFlagged() {
        Plan plan = monitoring()
                .resource(RELEASE, "metrics-server", null, null, release("metrics-server", Map.of("replicas", 2)), GP3)
                .plan();
        List<String> warnings = warnings(plan);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("metrics-server (") && warnings.get(0).contains("waits for gp3,")
                && warnings.get(0).contains("5 s later"), warnings.get(0));
    }

    @Test
    void volumesAskedForWithoutAClassNameUseTheDefaultStorageClass() {
        Plan plan = monitoring()
                .resource(RELEASE, "grafana", null, null, release("grafana", Map.of("persistence", Map.of("size", "5Gi"))), GP3)
                .plan();
        assertEquals(List.of(), warnings(plan));
    }

    @Test
    void theChartKindsTableIsDatedAndSourcedForEveryChart() {
        assertTrue(NeedlessWaits.chartKinds().path("date").asText().matches("\\d{4}-\\d{2}-\\d{2}"));
        NeedlessWaits.chartKinds().path("charts").fields().forEachRemaining(chart -> {
            assertTrue(chart.getValue().path("source").asText().startsWith("https://"), chart.getKey());
            assertTrue(chart.getValue().path("kinds").size() > 0, chart.getKey());
        });
    }
}

package io.agentplatform.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The recommended and Pod Security labels, from one place. */
class LabelsTest {

    @Test
    void recommendedLabelsAddVersionComponentAndOwnershipToTheSelector() {
        Map<String, String> labels = Labels.recommended(Labels.selector("agent", "agent"), "1.2.3", "api", "agent-platform");
        assertEquals(Map.of("app.kubernetes.io/name", "agent", "app.kubernetes.io/instance", "agent",
                "app.kubernetes.io/version", "1.2.3", "app.kubernetes.io/component", "api",
                "app.kubernetes.io/part-of", "agent-platform", "app.kubernetes.io/managed-by", "pulumi"), labels);
    }

    @Test
    void aRestrictedNamespaceEnforcesWarnsAndAuditsRestricted() {
        Map<String, String> labels = Labels.namespace("agent-platform", Labels.PodSecurity.RESTRICTED,
                Map.of("agent-platform.io/expires-at", "2026-12-01"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/enforce"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/warn"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/audit"));
        assertEquals("2026-12-01", labels.get("agent-platform.io/expires-at"));
        assertEquals("pulumi", labels.get("app.kubernetes.io/managed-by"));
    }

    @Test
    void aNamespaceMayEnforceOneLevelAndWarnAtAStricterOne() {
        Map<String, String> labels = Labels.namespace("monitoring", Labels.PodSecurity.PRIVILEGED,
                Labels.PodSecurity.BASELINE, Map.of());
        assertEquals(List.of("privileged", "baseline", "baseline"), List.of(labels.get("pod-security.kubernetes.io/enforce"),
                labels.get("pod-security.kubernetes.io/warn"), labels.get("pod-security.kubernetes.io/audit")));
    }

    @Test
    void theProgramsOwnLabelsCannotBeOverriddenByExtraLabels() {
        Map<String, String> labels = Labels.namespace("agent-platform", Labels.PodSecurity.RESTRICTED,
                Map.of("pod-security.kubernetes.io/enforce", "privileged", "app.kubernetes.io/part-of", "other"));
        assertEquals("restricted", labels.get("pod-security.kubernetes.io/enforce"));
        assertEquals("agent-platform", labels.get("app.kubernetes.io/part-of"));
    }
}

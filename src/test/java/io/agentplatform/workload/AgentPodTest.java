package io.agentplatform.workload;

import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pod spec as a pure function: inline inputs (WHEN), the spec's fields (THEN); no engine, no stack file. */
class AgentPodTest {
    private static final AgentLabels LABELS = AgentLabels.of("agent", Inline.IMAGE);
    private static final List<String> KEYS = List.of("PORT", "DB_HOST");

    private static PodSpecArgs pod(Optional<String> appDbSecret, boolean llmKey, Map<String, String> nodeSelector) {
        return AgentPod.spec(new AgentPod.Inputs(Inline.offline(), LABELS, KEYS, appDbSecret, llmKey, nodeSelector));
    }

    private static ContainerArgs container(PodSpecArgs pod) {
        List<ContainerArgs> containers = Values.of(pod.containers());
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static List<String> volumeNames(PodSpecArgs pod) {
        return Values.of(pod.volumes()).stream().map(v -> Values.of(v.name())).toList();
    }

    @Test
    void thePodRunsAsTheAgentServiceAccountWithoutAToken() {
        PodSpecArgs pod = pod(Optional.empty(), false, Map.of());
        assertEquals(AgentWorkload.SERVICE_ACCOUNT, Values.of(pod.serviceAccountName()));
        assertFalse(Values.of(pod.automountServiceAccountToken()));
        assertFalse(Values.of(pod.enableServiceLinks()));
    }

    @Test
    void theContainerIsHardenedByDefault() {
        SecurityContextArgs sc = Values.of(container(pod(Optional.empty(), false, Map.of())).securityContext());
        assertTrue(Values.of(sc.runAsNonRoot()));
        assertTrue(Values.of(sc.readOnlyRootFilesystem()));
        assertFalse(Values.of(sc.allowPrivilegeEscalation()));
        assertFalse(Values.of(sc.privileged()));
        assertEquals(List.of("ALL"), Values.of(Values.of(sc.capabilities()).drop()));
        assertEquals("RuntimeDefault", Values.of(Values.of(sc.seccompProfile()).type()));
        assertEquals(10001, Values.of(sc.runAsUser()));
    }

    @Test
    void requestsAndLimitsComeFromTheSettings() {
        var resources = Values.of(container(pod(Optional.empty(), false, Map.of())).resources());
        assertEquals(Map.of("cpu", "250m", "memory", "512Mi"), Values.of(resources.requests()));
        assertEquals(Map.of("cpu", "1", "memory", "768Mi"), Values.of(resources.limits()));
    }

    @Test
    void withIamLoginNoDatabasePasswordIsMountedOrNamed() {
        PodSpecArgs pod = pod(Optional.empty(), false, Map.of());
        assertEquals(List.of(AgentPod.TMP_VOLUME, AgentPod.APP_SECRETS_VOLUME), volumeNames(pod));
        List<String> env = Values.of(container(pod).env()).stream().map(e -> Values.of(e.name())).toList();
        assertFalse(env.contains("DB_PASSWORD_FILE"), env.toString());
        assertEquals(List.of("PORT", "DB_HOST", "REDIS_PASSWORD_FILE"), env);
    }

    @Test
    void withAPasswordLoginTheApplicationRolesSecretIsMountedAsAFile() {
        PodSpecArgs pod = pod(Optional.of(AgentWorkload.APP_DB_SECRET), false, Map.of());
        VolumeArgs db = Values.of(pod.volumes()).stream().filter(v -> Values.of(v.name()).equals(AgentPod.DB_PASSWORD_VOLUME))
                .findFirst().orElseThrow();
        assertEquals(AgentWorkload.APP_DB_SECRET, Values.of(Values.of(db.secret()).secretName()));
        List<String> mounts = Values.of(container(pod).volumeMounts()).stream().map(m -> Values.of(m.mountPath())).toList();
        assertTrue(mounts.contains(AgentWorkload.SECRETS_DIR + "/db"), mounts.toString());
    }

    @Test
    void theModelKeyIsAnItemOfTheAppSecretOnlyWhenThereIsOne() {
        VolumeArgs without = Values.of(pod(Optional.empty(), false, Map.of()).volumes()).get(1);
        VolumeArgs with = Values.of(pod(Optional.empty(), true, Map.of()).volumes()).get(1);
        assertEquals(List.of("redis-password"), Values.of(Values.of(without.secret()).items()).stream()
                .map(i -> Values.of(i.key())).toList());
        assertEquals(List.of("redis-password", "llm-api-key"), Values.of(Values.of(with.secret()).items()).stream()
                .map(i -> Values.of(i.key())).toList());
    }

    @Test
    void aNodeSelectorOnlyWhenGiven() {
        assertTrue(pod(Optional.empty(), false, Map.of()).nodeSelector().isEmpty());
        assertEquals(Map.of("node-role", "workloads"),
                Values.of(pod(Optional.empty(), false, Map.of("node-role", "workloads")).nodeSelector()));
    }

    @Test
    void theGracePeriodIsTheAppsDeadlinePlusThePreStopPauseAndAMargin() {
        // 30 s of the app's own shutdown, 10 s preStop, 5 s margin
        assertEquals(45, Values.of(pod(Optional.empty(), false, Map.of()).terminationGracePeriodSeconds()));
    }

    @Test
    void spreadingSelectsTheAgentsPodsOverZonesAndNodesWithoutBlocking() {
        var spread = Values.of(pod(Optional.empty(), false, Map.of()).topologySpreadConstraints());
        assertEquals(List.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"),
                spread.stream().map(c -> Values.of(c.topologyKey())).toList());
        spread.forEach(c -> {
            assertEquals("ScheduleAnyway", Values.of(c.whenUnsatisfiable()));
            assertEquals(LABELS.selector(), Values.of(Values.of(c.labelSelector()).matchLabels()));
        });
    }

    @Test
    void aConfigChangeChangesThePodTemplatesChecksum() {
        assertFalse(AgentPod.annotations(Map.of("LOG_LEVEL", "INFO"))
                .equals(AgentPod.annotations(Map.of("LOG_LEVEL", "DEBUG"))));
        assertEquals(AgentPod.annotations(Map.of("A", "1", "B", "2")), AgentPod.annotations(Map.of("B", "2", "A", "1")));
    }
}

package io.agentplatform.workload;

import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.KeyToPathArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.TopologySpreadConstraintArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import io.agentplatform.config.AgentSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The agent's pod spec, a pure function of {@link Inputs} (no resource, no engine, testable with inline values):
 * one {@link AgentContainer}, its service account without a token, the pod security context, soft spreading over
 * zones and nodes, the grace period, and the volumes (tmp, the app's secrets, the application role's password).
 */
public final class AgentPod {
    static final String TMP_VOLUME = "tmp";
    static final String APP_SECRETS_VOLUME = "app-secrets";
    static final String DB_PASSWORD_VOLUME = "db-password";

    private AgentPod() {}

    /**
     * @param settings      the agent's settings
     * @param labels        the agent's labels (spreading selects {@link AgentLabels#selector()})
     * @param configKeys    the {@link AgentEnvironment} names
     * @param appDbSecret   the Secret with the application role's password (password login); empty with IAM login
     * @param llmApiKey     a model API key is in the app's Secret
     * @param nodeSelector  labels of the node group to run on (empty: any node)
     */
    public record Inputs(AgentSettings settings, AgentLabels labels, List<String> configKeys,
                         Optional<String> appDbSecret, boolean llmApiKey, Map<String, String> nodeSelector) {
        public Inputs {
            configKeys = List.copyOf(configKeys);
            nodeSelector = Map.copyOf(nodeSelector);
        }
    }

    public static PodSpecArgs spec(Inputs in) {
        PodSpecArgs.Builder pod = PodSpecArgs.builder()
                .serviceAccountName(AgentWorkload.SERVICE_ACCOUNT)
                .automountServiceAccountToken(false)
                .enableServiceLinks(false)
                .securityContext(security())
                .terminationGracePeriodSeconds(terminationGracePeriod(in.settings()))
                .topologySpreadConstraints(
                        spread("topology.kubernetes.io/zone", in.labels()),
                        spread("kubernetes.io/hostname", in.labels()))
                .containers(AgentContainer.of(in.settings(), in.configKeys(), in.appDbSecret().isPresent(), in.llmApiKey()))
                .volumes(volumes(in));
        if (!in.nodeSelector().isEmpty()) {
            pod.nodeSelector(in.nodeSelector());
        }
        return pod.build();
    }

    /** terminationGracePeriodSeconds: the app's own shutdown deadline, after the preStop pause, plus a margin. */
    public static int terminationGracePeriod(AgentSettings s) {
        return s.shutdownGraceSeconds() + AgentWorkload.PRE_STOP_SECONDS + AgentWorkload.TERMINATION_MARGIN_SECONDS;
    }

    /** The pod template's annotations: a checksum of the ConfigMap, so a config change rolls the pods (env vars are read once, at start). */
    static Map<String, String> annotations(Map<String, String> config) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("agent-platform/config-sha256", sha256(new TreeMap<>(config).toString()));
        return a;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PodSecurityContextArgs security() {
        return PodSecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser(AgentWorkload.UID)
                .runAsGroup(AgentWorkload.UID)
                .fsGroup(AgentWorkload.UID)
                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                .build();
    }

    private static List<VolumeArgs> volumes(Inputs in) {
        List<KeyToPathArgs> appItems = new ArrayList<>();
        appItems.add(KeyToPathArgs.builder().key("redis-password").path("redis-password").build());
        if (in.llmApiKey()) {
            appItems.add(KeyToPathArgs.builder().key("llm-api-key").path("llm-api-key").build());
        }
        List<VolumeArgs> volumes = new ArrayList<>(List.of(
                VolumeArgs.builder().name(TMP_VOLUME).emptyDir(EmptyDirVolumeSourceArgs.builder()
                        .sizeLimit(AgentWorkload.TMP_SIZE_LIMIT).build()).build(),
                VolumeArgs.builder().name(APP_SECRETS_VOLUME).secret(SecretVolumeSourceArgs.builder()
                        .secretName(AgentWorkload.APP_SECRET)
                        .items(appItems)
                        .defaultMode(0440)
                        .build()).build()));
        // Not a subPath mount: the kubelet replaces the file when the Secret changes.
        in.appDbSecret().ifPresent(secret -> volumes.add(VolumeArgs.builder().name(DB_PASSWORD_VOLUME)
                .secret(SecretVolumeSourceArgs.builder()
                        .secretName(secret)
                        .items(KeyToPathArgs.builder().key(AgentWorkload.APP_DB_PASSWORD_KEY).path("password").build())
                        .defaultMode(0440)
                        .build()).build()));
        return volumes;
    }

    /** Soft spreading: an even spread is preferred, but a lost zone or a full node never blocks a scale-up. */
    private static TopologySpreadConstraintArgs spread(String topologyKey, AgentLabels labels) {
        return TopologySpreadConstraintArgs.builder()
                .topologyKey(topologyKey)
                .maxSkew(1)
                .whenUnsatisfiable("ScheduleAnyway")
                .labelSelector(LabelSelectorArgs.builder().matchLabels(labels.selector()).build())
                .build();
    }
}

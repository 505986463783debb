package io.agentplatform.workload;

import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.HTTPGetActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleArgs;
import com.pulumi.kubernetes.core.v1.inputs.LifecycleHandlerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import io.agentplatform.config.AgentSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.agentplatform.workload.AgentWorkload.CONFIG_MAP;
import static io.agentplatform.workload.AgentWorkload.DB_PASSWORD_PATH;
import static io.agentplatform.workload.AgentWorkload.HTTP_PORT;
import static io.agentplatform.workload.AgentWorkload.HTTP_PORT_NAME;
import static io.agentplatform.workload.AgentWorkload.LLM_API_KEY_PATH;
import static io.agentplatform.workload.AgentWorkload.MANAGEMENT_PORT;
import static io.agentplatform.workload.AgentWorkload.MANAGEMENT_PORT_NAME;
import static io.agentplatform.workload.AgentWorkload.PRE_STOP_SECONDS;
import static io.agentplatform.workload.AgentWorkload.REDIS_PASSWORD_PATH;
import static io.agentplatform.workload.AgentWorkload.SECRETS_DIR;
import static io.agentplatform.workload.AgentWorkload.UID;

/**
 * The agent's container, a pure function of its inputs (no resource, no engine): secure by default (non-root,
 * read-only root filesystem, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp), requests and
 * limits, probes on the management port, a preStop pause, settings from the ConfigMap and secrets as files.
 */
final class AgentContainer {
    private AgentContainer() {}

    /**
     * @param configKeys       the {@link AgentEnvironment} names, each read from the ConfigMap
     * @param dbPasswordFile   the application role logs in with a password (mounted under {@code db/}); false with
     *                         IAM login, where no password exists
     * @param llmApiKeyFile    a model API key is mounted
     */
    static ContainerArgs of(AgentSettings s, List<String> configKeys, boolean dbPasswordFile, boolean llmApiKeyFile) {
        return ContainerArgs.builder()
                .name(AgentWorkload.APP)
                .image(s.image())
                .ports(ContainerPortArgs.builder().name(HTTP_PORT_NAME).containerPort(HTTP_PORT).protocol("TCP").build(),
                        ContainerPortArgs.builder().name(MANAGEMENT_PORT_NAME).containerPort(MANAGEMENT_PORT).protocol("TCP").build())
                .env(env(configKeys, dbPasswordFile, llmApiKeyFile))
                .volumeMounts(mounts(dbPasswordFile))
                .resources(resources(s))
                .securityContext(security())
                .startupProbe(probe("/health/started", 2, 60))
                .livenessProbe(probe("/health/live", 10, 3))
                .readinessProbe(probe("/health/ready", 5, 2))
                .lifecycle(LifecycleArgs.builder()
                        .preStop(LifecycleHandlerArgs.builder()
                                .exec(ExecActionArgs.builder().command("sleep", String.valueOf(PRE_STOP_SECONDS)).build())
                                .build())
                        .build())
                .build();
    }

    static List<EnvVarArgs> env(List<String> configKeys, boolean dbPasswordFile, boolean llmApiKeyFile) {
        List<EnvVarArgs> env = new ArrayList<>();
        for (String key : configKeys) {
            env.add(EnvVarArgs.builder().name(key).valueFrom(EnvVarSourceArgs.builder()
                    .configMapKeyRef(ConfigMapKeySelectorArgs.builder().name(CONFIG_MAP).key(key).build())
                    .build()).build());
        }
        // Secrets as files, re-read by the app on every new connection (rotation without restart). With IAM login
        // there is no database password at all: the app signs a token with the IRSA role's credentials.
        if (dbPasswordFile) {
            env.add(EnvVarArgs.builder().name("DB_PASSWORD_FILE").value(DB_PASSWORD_PATH).build());
        }
        env.add(EnvVarArgs.builder().name("REDIS_PASSWORD_FILE").value(REDIS_PASSWORD_PATH).build());
        if (llmApiKeyFile) {
            env.add(EnvVarArgs.builder().name("LLM_API_KEY_FILE").value(LLM_API_KEY_PATH).build());
        }
        return env;
    }

    private static List<VolumeMountArgs> mounts(boolean dbPasswordFile) {
        List<VolumeMountArgs> mounts = new ArrayList<>(List.of(
                VolumeMountArgs.builder().name(AgentPod.TMP_VOLUME).mountPath("/tmp").build(),
                VolumeMountArgs.builder().name(AgentPod.APP_SECRETS_VOLUME).mountPath(SECRETS_DIR + "/app").readOnly(true).build()));
        if (dbPasswordFile) {
            mounts.add(VolumeMountArgs.builder().name(AgentPod.DB_PASSWORD_VOLUME).mountPath(SECRETS_DIR + "/db").readOnly(true).build());
        }
        return mounts;
    }

    static SecurityContextArgs security() {
        return SecurityContextArgs.builder()
                .runAsNonRoot(true)
                .runAsUser(UID)
                .runAsGroup(UID)
                .readOnlyRootFilesystem(true)
                .allowPrivilegeEscalation(false)
                .privileged(false)
                .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                .build();
    }

    static ResourceRequirementsArgs resources(AgentSettings s) {
        return ResourceRequirementsArgs.builder()
                .requests(Map.of("cpu", s.cpuRequest(), "memory", s.memoryRequest()))
                .limits(Map.of("cpu", s.cpuLimit(), "memory", s.memoryLimit()))
                .build();
    }

    private static ProbeArgs probe(String path, int period, int failures) {
        return ProbeArgs.builder()
                .httpGet(HTTPGetActionArgs.builder().path(path).port(MANAGEMENT_PORT_NAME).build())
                .periodSeconds(period)
                .failureThreshold(failures)
                // A readiness check can take DB_CONNECT_TIMEOUT_MS (2 s) while PostgreSQL is unreachable.
                .timeoutSeconds(3)
                .build();
    }
}

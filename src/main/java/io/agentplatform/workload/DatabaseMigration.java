package io.agentplatform.workload;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.core.Either;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.batch.v1.Job;
import com.pulumi.kubernetes.batch.v1.JobArgs;
import com.pulumi.kubernetes.batch.v1.inputs.JobSpecArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.core.v1.inputs.ConfigMapKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.KeyToPathArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyEgressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;
import io.agentplatform.workload.crd.ExternalSecret;
import io.agentplatform.workload.crd.SecretStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema migrations as a Kubernetes Job ({@code migrate} command of the agent's image), the only workload that
 * holds the database owner's password: its own service account and (on AWS) its own IRSA role, which External
 * Secrets uses to copy the rotated RDS master password into a Secret only this Job mounts. The Job also creates the
 * application role {@link DataConnections#APP_USER} and grants it data access (and {@code rds_iam} with IAM login).
 * Its name derives from the image, so a new image runs a new Job; the agent's Deployment waits for it.
 */
public final class DatabaseMigration extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:DatabaseMigration";
    public static final String SERVICE_ACCOUNT = "agent-migrate";
    public static final String CONTAINER = "migrate";
    /** Target of the ExternalSecret: the owner's (RDS master) password copied from Secrets Manager. */
    public static final String OWNER_SECRET = "agent-db-owner";
    /** Its own name: the agent's former store of the same namespace is deleted, not taken over. */
    public static final String SECRET_STORE = "agent-migrate-secrets-manager";
    /** How often External Secrets re-reads the RDS secret (see docs/agent-workload.md for the rotation window). */
    public static final String REFRESH_INTERVAL = "1m";
    public static final String OWNER_PASSWORD_PATH = AgentWorkload.SECRETS_DIR + "/db-owner/password";
    public static final String APP_PASSWORD_PATH = AgentWorkload.SECRETS_DIR + "/db-app/password";
    /** Retries of a failed migration pod (the in-cluster database may still be starting). */
    static final int BACKOFF_LIMIT = 6;
    /** Characters of the image's SHA-256 in the Job name. */
    static final int IMAGE_HASH_LENGTH = 10;

    private final Job job;
    private final Map<String, String> podSelector;

    public DatabaseMigration(DatabaseMigrationArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "agent-migrate", platform, options);
        String ns = args.namespace();
        DataConnections.Database db = args.database();
        Map<String, String> objectLabels = args.labels().migrationPod();
        this.podSelector = args.labels().migrationSelector();

        ObjectMetaArgs.Builder saMeta = ObjectMetaArgs.builder().name(SERVICE_ACCOUNT).namespace(ns).labels(objectLabels);
        if (db.owner() instanceof DataConnections.SecretsManager sm) {
            Role role = ownerSecretReader(sm, args.irsa().orElseThrow(), ns);
            saMeta.annotations(role.arn().applyValue(arn -> Map.of("eks.amazonaws.com/role-arn", arn)));
        }
        ServiceAccount serviceAccount = new ServiceAccount(name("service-account"), ServiceAccountArgs.builder()
                .automountServiceAccountToken(false)
                .metadata(saMeta.build())
                .build(), childBuilder().dependsOn(args.after()).build());

        List<Resource> jobInputs = new ArrayList<>(args.after());
        jobInputs.add(serviceAccount);
        String ownerSecret;
        String ownerKey;
        if (db.owner() instanceof DataConnections.SecretsManager sm) {
            jobInputs.add(ownerExternalSecret(sm, ns, objectLabels, serviceAccount, args.externalSecretsCrds().orElseThrow()));
            ownerSecret = OWNER_SECRET;
            ownerKey = "password";
        } else {
            DataConnections.KubernetesSecret ks = (DataConnections.KubernetesSecret) db.owner();
            ownerSecret = ks.secretName();
            ownerKey = ks.key();
        }
        networkPolicies(args, objectLabels, args.after());

        this.job = new Job(name("job"), JobArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(jobName(args.settings().image())).namespace(ns)
                        .labels(objectLabels).build())
                .spec(JobSpecArgs.builder()
                        .backoffLimit(BACKOFF_LIMIT)
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(objectLabels)
                                        // The migration reads files only: no web-identity token in its container.
                                        .annotations(Map.of("eks.amazonaws.com/skip-containers", CONTAINER))
                                        .build())
                                .spec(podSpec(args, ownerSecret, ownerKey))
                                .build())
                        .build())
                .build(), childBuilder().dependsOn(jobInputs)
                // The pod template of a Job is immutable: any change replaces the Job (and runs it again).
                .deleteBeforeReplace(true)
                .build());
        registerOutputs(Map.of("jobName", job.metadata().applyValue(m -> m.name().orElse(""))));
    }

    /** The Job; the agent's Deployment depends on it, so new pods start only after a successful migration. */
    public Job job() {
        return job;
    }

    /** Labels selecting the Job's pods (for the in-cluster database's ingress policy). */
    public Map<String, String> podSelector() {
        return podSelector;
    }

    /** {@code agent-migrate-<first 10 hex of the image's SHA-256>}: a new image is a new Job. */
    public static String jobName(String image) {
        return SERVICE_ACCOUNT + "-" + AgentPod.sha256(image).substring(0, IMAGE_HASH_LENGTH);
    }

    private Role ownerSecretReader(DataConnections.SecretsManager sm, io.agentplatform.cluster.IrsaIssuer irsa, String ns) {
        Policy policy = new Policy(name("secrets-policy"), PolicyArgs.builder()
                .path(iamPath())
                .description("The migration Job (" + ns + "/" + SERVICE_ACCOUNT + ") reads the database master secret")
                .policy(PolicyDocument.create()
                        .allow(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                                sm.secretArn().applyValue(List::of))
                        .allow(List.of("kms:Decrypt"), sm.kmsKeyArn().applyValue(List::of))
                        .toJson())
                .tags(tags())
                .build(), child());
        return serviceAccountRole("irsa", irsa.oidcProviderArn(), irsa.oidcIssuerUrl(), ns, SERVICE_ACCOUNT, policy.arn());
    }

    /**
     * A SecretStore that reads Secrets Manager as the Job's service account (IRSA), and an ExternalSecret that copies
     * {@code password} out of the RDS master secret into {@link #OWNER_SECRET}, re-read every {@link #REFRESH_INTERVAL}.
     */
    private Resource ownerExternalSecret(DataConnections.SecretsManager sm, String ns, Map<String, String> labels,
                                         ServiceAccount serviceAccount, Resource crds) {
        Output<Map<String, Object>> storeSpec = Output.of(Map.of("provider", Map.of("aws", Map.of(
                "service", "SecretsManager",
                "region", region(),
                "auth", Map.of("jwt", Map.of("serviceAccountRef", Map.of("name", SERVICE_ACCOUNT)))))));
        SecretStore store = new SecretStore(name("secret-store"), meta(SECRET_STORE, ns, labels), storeSpec,
                childBuilder().dependsOn(List.of(crds, serviceAccount)).build());
        Output<Map<String, Object>> externalSpec = sm.secretArn().applyValue(arn -> {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("refreshInterval", REFRESH_INTERVAL);
            spec.put("secretStoreRef", Map.of("name", SECRET_STORE, "kind", SecretStore.KIND));
            spec.put("target", Map.of("name", OWNER_SECRET, "creationPolicy", "Owner"));
            spec.put("data", List.of(Map.of("secretKey", "password",
                    "remoteRef", Map.of("key", arn, "property", "password"))));
            return spec;
        });
        return new ExternalSecret(name("db-external-secret"), meta(OWNER_SECRET, ns, labels), externalSpec,
                childBuilder().dependsOn(List.of(crds, store)).build());
    }

    private static ObjectMetaArgs meta(String name, String ns, Map<String, String> labels) {
        return ObjectMetaArgs.builder().name(name).namespace(ns).labels(labels).build();
    }

    /** The migration's environment: the connection from the ConfigMap, the owner's identity, the role to create. */
    private static List<EnvVarArgs> env(DataConnections.Database db) {
        List<EnvVarArgs> env = new ArrayList<>();
        for (String key : List.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_SSL_MODE")) {
            env.add(EnvVarArgs.builder().name(key).valueFrom(EnvVarSourceArgs.builder()
                    .configMapKeyRef(ConfigMapKeySelectorArgs.builder().name(AgentWorkload.CONFIG_MAP).key(key).build())
                    .build()).build());
        }
        env.add(value("DB_USER", db.ownerUser()));
        env.add(value("DB_PASSWORD_FILE", OWNER_PASSWORD_PATH));
        env.add(value("DB_APP_USER", DataConnections.APP_USER));
        if (db.app() instanceof DataConnections.IamLogin) {
            env.add(value("DB_APP_AUTH", "iam"));
        } else {
            env.add(value("DB_APP_AUTH", "password"));
            env.add(value("DB_APP_PASSWORD_FILE", APP_PASSWORD_PATH));
        }
        return env;
    }

    private static EnvVarArgs value(String name, String value) {
        return EnvVarArgs.builder().name(name).value(value).build();
    }

    private static PodSpecArgs podSpec(DatabaseMigrationArgs args, String ownerSecret, String ownerKey) {
        List<VolumeMountArgs> mounts = new ArrayList<>(List.of(
                VolumeMountArgs.builder().name("tmp").mountPath("/tmp").build(),
                VolumeMountArgs.builder().name("db-owner").mountPath(AgentWorkload.SECRETS_DIR + "/db-owner").readOnly(true).build()));
        List<VolumeArgs> volumes = new ArrayList<>(List.of(
                VolumeArgs.builder().name("tmp").emptyDir(EmptyDirVolumeSourceArgs.builder()
                        .sizeLimit(AgentWorkload.TMP_SIZE_LIMIT).build()).build(),
                secretVolume("db-owner", ownerSecret, ownerKey)));
        args.appPasswordSecret().ifPresent(secret -> {
            mounts.add(VolumeMountArgs.builder().name("db-app").mountPath(AgentWorkload.SECRETS_DIR + "/db-app").readOnly(true).build());
            volumes.add(secretVolume("db-app", secret, AgentWorkload.APP_DB_PASSWORD_KEY));
        });
        ContainerArgs migrate = ContainerArgs.builder()
                .name(CONTAINER)
                .image(args.settings().image())
                .args("migrate")
                .env(env(args.database()))
                .volumeMounts(mounts)
                .resources(AgentContainer.resources(args.settings()))
                .securityContext(AgentContainer.security())
                .build();
        PodSpecArgs.Builder pod = PodSpecArgs.builder()
                .serviceAccountName(SERVICE_ACCOUNT)
                .automountServiceAccountToken(false)
                .enableServiceLinks(false)
                .restartPolicy("Never")
                .securityContext(AgentPod.security())
                .containers(migrate)
                .volumes(volumes);
        if (!args.nodeSelector().isEmpty()) {
            pod.nodeSelector(args.nodeSelector());
        }
        return pod.build();
    }

    private static VolumeArgs secretVolume(String volume, String secret, String key) {
        return VolumeArgs.builder().name(volume).secret(SecretVolumeSourceArgs.builder()
                .secretName(secret)
                .items(KeyToPathArgs.builder().key(key).path("password").build())
                .defaultMode(0440)
                .build()).build();
    }

    /** The Job's pods may resolve names and reach PostgreSQL; nothing else (the namespace denies by default). */
    private void networkPolicies(DatabaseMigrationArgs args, Map<String, String> labels, List<Resource> after) {
        LabelSelectorArgs pods = LabelSelectorArgs.builder().matchLabels(podSelector).build();
        DataConnections.Database db = args.database();
        new NetworkPolicy(name("netpol-egress"), NetworkPolicyArgs.builder()
                .metadata(meta(SERVICE_ACCOUNT + "-egress", args.namespace(), labels))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(pods)
                        .policyTypes("Egress")
                        .egress(AgentNetworkPolicies.dnsEgress(),
                                NetworkPolicyEgressRuleArgs.builder()
                                        .to(AgentNetworkPolicies.policyPeers(db.peer()))
                                        .ports(NetworkPolicyPortArgs.builder().protocol("TCP")
                                                .port(db.port().applyValue(Either::ofLeft)).build())
                                        .build())
                        .build())
                .build(), childBuilder().dependsOn(after).build());
    }
}

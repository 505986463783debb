package io.agentplatform.incluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.apps.v1.StatefulSet;
import com.pulumi.kubernetes.apps.v1.StatefulSetArgs;
import com.pulumi.kubernetes.apps.v1.inputs.StatefulSetSpecArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.CapabilitiesArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerArgs;
import com.pulumi.kubernetes.core.v1.inputs.ContainerPortArgs;
import com.pulumi.kubernetes.core.v1.inputs.EmptyDirVolumeSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarArgs;
import com.pulumi.kubernetes.core.v1.inputs.EnvVarSourceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ExecActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.PodTemplateSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.ProbeArgs;
import com.pulumi.kubernetes.core.v1.inputs.ResourceRequirementsArgs;
import com.pulumi.kubernetes.core.v1.inputs.SeccompProfileArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecretKeySelectorArgs;
import com.pulumi.kubernetes.core.v1.inputs.SecurityContextArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.inputs.TCPSocketActionArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeArgs;
import com.pulumi.kubernetes.core.v1.inputs.VolumeMountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.LabelSelectorArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.networking.v1.NetworkPolicy;
import com.pulumi.kubernetes.networking.v1.NetworkPolicyArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyIngressRuleArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPeerArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicyPortArgs;
import com.pulumi.kubernetes.networking.v1.inputs.NetworkPolicySpecArgs;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.core.Labels;
import io.agentplatform.core.NetworkPeer;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.workload.DataConnections;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** In-cluster PostgreSQL and Valkey. See the package documentation. */
public final class InClusterData extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:InClusterData";
    public static final String SECRET_NAME = "agent-data-credentials";
    public static final String DATABASE_PASSWORD_KEY = "database-password";
    public static final String REDIS_PASSWORD_KEY = "redis-password";
    /** Service (and StatefulSet) names, so clients know the DNS names before anything is deployed. */
    public static final String POSTGRES = "postgres";
    public static final String REDIS = "valkey";
    /** The official images run PostgreSQL and Valkey as uid 999. */
    static final int DATA_UID = 999;
    /** Labels every in-cluster data pod carries; the agent's egress policy selects them. */
    public static final Map<String, String> POD_LABELS = Map.of("app.kubernetes.io/component", "incluster-data");
    /** Fixed label of the application role's password, derived from {@code databasePassword}. */
    static final String APP_ROLE_PASSWORD_LABEL = "agent-platform/in-cluster-postgres/" + DataConnections.APP_USER;

    /**
     * Who connects: the agent's pods (both services), the migration Job's pods (PostgreSQL only), and what must
     * exist first (the agent's namespace).
     *
     * @param podLabels          labels of the pods allowed to connect to both (the agent's selector labels)
     * @param migrationPodLabels labels of the migration Job's pods, allowed to connect to PostgreSQL only
     * @param after              resources to wait for (the namespace)
     */
    public record Clients(Map<String, String> podLabels, Map<String, String> migrationPodLabels, List<Resource> after) {
        public Clients {
            podLabels = Map.copyOf(podLabels);
            migrationPodLabels = Map.copyOf(migrationPodLabels);
            after = List.copyOf(after);
        }
    }

    /**
     * How clients reach the services {@code args} describes, known before they exist (Service names are fixed):
     * PostgreSQL and Valkey by their Service DNS names, without TLS; the superuser's password in the credentials
     * Secret (migrations only), the application role's derived password; the data pods as the network peer.
     */
    public static DataConnections connection(InClusterDataArgs args) {
        String domain = "." + args.namespace() + ".svc.cluster.local";
        NetworkPeer dataPods = new NetworkPeer.Pods(POD_LABELS);
        return new DataConnections(
                new DataConnections.Database(new DataConnections.KubernetesSecret(SECRET_NAME, DATABASE_PASSWORD_KEY),
                        args.databaseUser(),
                        new DataConnections.PasswordLogin(DerivedPassword.of(args.databasePassword(), APP_ROLE_PASSWORD_LABEL)),
                        Output.of(POSTGRES + domain), Output.of(InClusterDataArgs.POSTGRES_PORT), false,
                        args.databaseName(), dataPods),
                new DataConnections.Redis(Output.of(REDIS + domain), Output.of(InClusterDataArgs.REDIS_PORT), false,
                        args.redisPassword().output(), dataPods));
    }

    public InClusterData(InClusterDataArgs args, Clients clients, PlatformContext platform,
                         ComponentResourceOptions options) {
        super(TYPE, "incluster-data", platform, options);
        Secret credentials = new Secret(name("credentials"), SecretArgs.builder()
                .metadata(metadata(args, SECRET_NAME, Map.of()))
                .type("Opaque")
                .stringData(Output.tuple(args.databasePassword().output(), args.redisPassword().output())
                        .applyValue(t -> Map.of(DATABASE_PASSWORD_KEY, t.t1, REDIS_PASSWORD_KEY, t.t2))
                        .asSecret())
                .build(), childBuilder().dependsOn(clients.after()).build());

        statefulSet(args, POSTGRES, postgresContainer(args),
                List.of("/var/lib/postgresql/data", "/var/run/postgresql", "/tmp"), credentials);
        service(args, POSTGRES, InClusterDataArgs.POSTGRES_PORT, credentials);

        statefulSet(args, REDIS, valkeyContainer(args), List.of("/data", "/tmp"), credentials);
        service(args, REDIS, InClusterDataArgs.REDIS_PORT, credentials);

        admitClients(args, clients);

        DataConnections connection = connection(args);
        registerOutputs(Map.of("databaseHost", connection.database().host(), "redisHost", connection.redis().host()));
    }

    private static ContainerArgs.Builder postgresContainer(InClusterDataArgs args) {
        return ContainerArgs.builder()
                .name(POSTGRES)
                .image(args.postgresImage())
                .ports(ContainerPortArgs.builder().name(POSTGRES).containerPort(InClusterDataArgs.POSTGRES_PORT).build())
                .env(List.of(
                        EnvVarArgs.builder().name("POSTGRES_DB").value(args.databaseName()).build(),
                        EnvVarArgs.builder().name("POSTGRES_USER").value(args.databaseUser()).build(),
                        secretEnv("POSTGRES_PASSWORD", DATABASE_PASSWORD_KEY),
                        EnvVarArgs.builder().name("PGDATA").value("/var/lib/postgresql/data/pgdata").build()))
                .readinessProbe(ProbeArgs.builder().exec(ExecActionArgs.builder()
                        .command("pg_isready", "-U", args.databaseUser(), "-d", args.databaseName()).build())
                        .periodSeconds(5).build())
                .livenessProbe(ProbeArgs.builder().tcpSocket(TCPSocketActionArgs.builder().port(POSTGRES).build())
                        .initialDelaySeconds(20).periodSeconds(10).build());
    }

    /** Password from the environment, never on the command line of the image's defaults; nothing persisted. */
    private static ContainerArgs.Builder valkeyContainer(InClusterDataArgs args) {
        return ContainerArgs.builder()
                .name(REDIS)
                .image(args.redisImage())
                .command("sh", "-c", "exec valkey-server --port " + InClusterDataArgs.REDIS_PORT
                        + " --requirepass \"$REDIS_PASSWORD\" --save '' --appendonly no --dir /data")
                .ports(ContainerPortArgs.builder().name(REDIS).containerPort(InClusterDataArgs.REDIS_PORT).build())
                .env(List.of(secretEnv("REDIS_PASSWORD", REDIS_PASSWORD_KEY)))
                .readinessProbe(ProbeArgs.builder().tcpSocket(TCPSocketActionArgs.builder().port(REDIS).build())
                        .periodSeconds(5).build())
                .livenessProbe(ProbeArgs.builder().tcpSocket(TCPSocketActionArgs.builder().port(REDIS).build())
                        .initialDelaySeconds(10).periodSeconds(10).build());
    }

    /** The agent's pods reach both services; the migration Job's pods only PostgreSQL. */
    private void admitClients(InClusterDataArgs args, Clients clients) {
        new NetworkPolicy(name("allow-agent"), NetworkPolicyArgs.builder()
                .metadata(metadata(args, "allow-agent-to-data", Map.of()))
                .spec(NetworkPolicySpecArgs.builder()
                        .podSelector(LabelSelectorArgs.builder()
                                .matchLabels(POD_LABELS).build())
                        .policyTypes("Ingress")
                        .ingress(NetworkPolicyIngressRuleArgs.builder()
                                        .from(pods(clients.podLabels()))
                                        .ports(port(InClusterDataArgs.POSTGRES_PORT), port(InClusterDataArgs.REDIS_PORT))
                                        .build(),
                                // The migration Job needs PostgreSQL only.
                                NetworkPolicyIngressRuleArgs.builder()
                                        .from(pods(clients.migrationPodLabels()))
                                        .ports(port(InClusterDataArgs.POSTGRES_PORT))
                                        .build())
                        .build())
                .build(), childBuilder().dependsOn(clients.after()).build());
    }

    private static NetworkPolicyPeerArgs pods(Map<String, String> labels) {
        return NetworkPolicyPeerArgs.builder().podSelector(LabelSelectorArgs.builder().matchLabels(labels).build()).build();
    }

    private static Map<String, String> labels(InClusterDataArgs args, String app) {
        Map<String, String> labels = new TreeMap<>(args.extraLabels());
        labels.put(Labels.NAME, app);
        labels.put(Labels.COMPONENT, "incluster-data");
        labels.putAll(Labels.ownership(Labels.PLATFORM));
        return labels;
    }

    private static ObjectMetaArgs metadata(InClusterDataArgs args, String name, Map<String, String> labels) {
        Map<String, String> all = new TreeMap<>(args.extraLabels());
        all.putAll(labels);
        all.put(Labels.PART_OF, Labels.PLATFORM);
        return ObjectMetaArgs.builder().name(name).namespace(args.namespace()).labels(all).build();
    }

    private static EnvVarArgs secretEnv(String name, String key) {
        return EnvVarArgs.builder().name(name).valueFrom(EnvVarSourceArgs.builder()
                .secretKeyRef(SecretKeySelectorArgs.builder().name(SECRET_NAME).key(key).build()).build()).build();
    }

    private static NetworkPolicyPortArgs port(int port) {
        return NetworkPolicyPortArgs.builder().protocol("TCP").port(port).build();
    }

    private void statefulSet(InClusterDataArgs args, String app, ContainerArgs.Builder container, List<String> writablePaths,
                             Secret credentials) {
        Map<String, String> selector = Map.of("app.kubernetes.io/name", app, "app.kubernetes.io/component", "incluster-data");
        List<VolumeArgs> volumes = new java.util.ArrayList<>();
        List<VolumeMountArgs> mounts = new java.util.ArrayList<>();
        for (int i = 0; i < writablePaths.size(); i++) {
            String volume = "scratch-" + i;
            volumes.add(VolumeArgs.builder().name(volume).emptyDir(EmptyDirVolumeSourceArgs.builder().sizeLimit("1Gi").build()).build());
            mounts.add(VolumeMountArgs.builder().name(volume).mountPath(writablePaths.get(i)).build());
        }
        container
                .volumeMounts(mounts)
                .resources(ResourceRequirementsArgs.builder()
                        .requests(Map.of("cpu", "50m", "memory", "128Mi"))
                        .limits(Map.of("cpu", "500m", "memory", "256Mi"))
                        .build())
                .securityContext(SecurityContextArgs.builder()
                        .runAsNonRoot(true).runAsUser(DATA_UID).runAsGroup(DATA_UID)
                        .readOnlyRootFilesystem(true)
                        .allowPrivilegeEscalation(false)
                        .capabilities(CapabilitiesArgs.builder().drop("ALL").build())
                        .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                        .build());
        new StatefulSet(name(app), StatefulSetArgs.builder()
                .metadata(metadata(args, app, labels(args, app)))
                .spec(StatefulSetSpecArgs.builder()
                        .serviceName(app)
                        .replicas(1)
                        .selector(LabelSelectorArgs.builder().matchLabels(selector).build())
                        .template(PodTemplateSpecArgs.builder()
                                .metadata(ObjectMetaArgs.builder().labels(labels(args, app)).build())
                                .spec(PodSpecArgs.builder()
                                        .automountServiceAccountToken(false)
                                        .securityContext(PodSecurityContextArgs.builder()
                                                .runAsNonRoot(true).fsGroup(DATA_UID)
                                                .seccompProfile(SeccompProfileArgs.builder().type("RuntimeDefault").build())
                                                .build())
                                        .containers(container.build())
                                        .volumes(volumes)
                                        .build())
                                .build())
                        .build())
                .build(), childBuilder().dependsOn(List.of(credentials)).build());
    }

    private void service(InClusterDataArgs args, String app, int port, Secret credentials) {
        new Service(name(app + "-svc"), ServiceArgs.builder()
                .metadata(metadata(args, app, labels(args, app)))
                .spec(ServiceSpecArgs.builder()
                        .type("ClusterIP")
                        .selector(Map.of("app.kubernetes.io/name", app, "app.kubernetes.io/component", "incluster-data"))
                        .ports(ServicePortArgs.builder().name(app).port(port).targetPort(app).build())
                        .build())
                .build(), childBuilder().dependsOn(List.of(credentials)).build());
    }
}

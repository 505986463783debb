package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns raw stack configuration (full key to JSON value, whether it came from the Pulumi CLI or a committed stack
 * file) into one validated {@link PlatformConfig}. Every problem is collected and reported at once, before any
 * resource is registered. Each setting is declared once in its section ({@link ConfigSections}); this class only
 * decides which sections a stack kind reads.
 */
public final class ConfigBinder {

    /** How absent or unreadable secrets are handled. */
    public enum SecretMode {
        /** Under the Pulumi CLI: a required secret that is missing, or an example value, is a configuration problem. */
        REQUIRE,
        /** In the offline plan: a placeholder stands in and a warning names it; example values are warnings. */
        PLACEHOLDER
    }

    /** Project settings this program reads; anything else in the project namespace is reported as unknown. */
    public static final List<String> SETTINGS = ConfigSections.settingNames();
    /** Secret project settings; each must be set with {@code pulumi config set --secret}. */
    public static final List<String> SECRETS = SecretSettings.ALL.stream().map(SecretSettings.Secret::name).toList();

    private static final List<String> PLATFORM_ONLY = List.of("network", "cluster", "nodeGroups", "karpenter", "database",
            "cache", "backup", "velero");
    private static final List<String> TARGET_ONLY = List.of("platformStack", "expiresAt", "inClusterData",
            "storageClassName");

    private final String project;
    private final String stack;
    private final Map<String, JsonNode> raw;
    private final Set<String> secretKeys;
    private final SecretMode secretMode;
    private final LocalDate planDate;
    private final Problems problems = new Problems();
    private final List<String> warnings = new ArrayList<>();

    private ConfigBinder(String project, String stack, Map<String, JsonNode> raw, Set<String> secretKeys,
                         SecretMode secretMode, LocalDate planDate) {
        this.project = project;
        this.stack = stack;
        this.raw = withoutEmptySections(project, raw);
        this.secretKeys = secretKeys;
        this.secretMode = secretMode;
        this.planDate = planDate;
    }

    /**
     * @param raw        full config key (e.g. {@code agent-platform:network}, {@code aws:region}) to its value
     * @param secretKeys full keys whose values are encrypted in the stack (their raw value may be unknown)
     * @throws InvalidConfigException listing every problem found
     */
    public static PlatformConfig bind(String project, String stack, Map<String, JsonNode> raw, Set<String> secretKeys,
                                      SecretMode secretMode) {
        return bind(project, stack, raw, secretKeys, secretMode, PlanDate.today());
    }

    /** @param planDate the day versions and support dates are judged on (see {@link PlanDate}) */
    public static PlatformConfig bind(String project, String stack, Map<String, JsonNode> raw, Set<String> secretKeys,
                                      SecretMode secretMode, LocalDate planDate) {
        return new ConfigBinder(project, stack, raw, secretKeys, secretMode, planDate).bind();
    }

    /**
     * Pulumi.yaml declares every section with {@code default: {}} (the CLI requires a declared key without a default),
     * so the CLI passes {@code {}} for a section a stack leaves out: an empty section means the same as none.
     */
    private static Map<String, JsonNode> withoutEmptySections(String project, Map<String, JsonNode> raw) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (!(k.startsWith(project + ":") && v != null && v.isObject() && v.isEmpty())) {
                out.put(k, v);
            }
        });
        return out;
    }

    private String key(String name) {
        return project + ":" + name;
    }

    private Settings section(String name, EnvironmentKind kind) {
        return new Settings(raw.get(key(name)), key(name), problems, kind);
    }

    private PlatformConfig bind() {
        rejectUnknownProjectKeys();
        Settings top = topLevel(null);
        EnvironmentKind kind = TopLevelSection.environment(top);
        top = topLevel(kind);
        String owner = top.read(TopLevelSection.OWNER);
        Map<String, String> extraTags = TopLevelSection.tags(top);
        SecretSettings secrets = new SecretSettings(project, stack, raw, secretKeys, secretMode, problems, warnings);

        Optional<AwsSettings> aws = kind.buildsAwsPlatform() ? Optional.of(readAws(kind)) : Optional.empty();
        refuseOutsideTheirKinds(kind);
        Optional<ClusterTargetSettings> target = kind.buildsAwsPlatform() ? Optional.empty()
                : Optional.of(TargetSection.read(top, section("inClusterData", kind),
                secrets.required(SecretSettings.DATABASE_PASSWORD)));
        MonitoringSettings monitoringSettings = MonitoringSection.read(section("monitoring", kind));
        AlertingSection.Receivers receivers = AlertingSection.read(section("alerting", kind));
        AgentSettings agent = AgentSection.read(section("agent", kind));
        SecretValue redisAuthToken = secrets.required(SecretSettings.REDIS_AUTH_TOKEN);
        Optional<MonitoringStack> monitoring = secrets.monitoring(kind, monitoringSettings, receivers);
        refuseMonitoringSettingsWithoutMonitoring(kind, monitoring.isPresent());
        PlatformSecrets platformSecrets = secrets.read(redisAuthToken, agent);
        reportExampleValues();

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(stack, problems.all());
        }
        return new PlatformConfig(project, stack, kind, owner, extraTags, aws, target, monitoring, agent,
                platformSecrets, List.copyOf(warnings), planDate);
    }

    /** The project's top-level keys as one object, so top-level settings read like any other. */
    private Settings topLevel(EnvironmentKind kind) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        raw.forEach((k, v) -> {
            if (k.startsWith(project + ":")) {
                node.set(k.substring(project.length() + 1), v);
            }
        });
        return new Settings(node, project + ":", problems, kind);
    }

    private void refuseOutsideTheirKinds(EnvironmentKind kind) {
        List<String> notHere = kind.buildsAwsPlatform() ? TARGET_ONLY : PLATFORM_ONLY;
        String why = kind.buildsAwsPlatform()
                ? "only ephemeral and local stacks use it; remove it from a " + kind.configName() + " stack"
                : "only platform stacks (dev, staging, production) build AWS infrastructure; remove it from a "
                + kind.configName() + " stack";
        for (String name : notHere) {
            if (raw.containsKey(key(name))) {
                problems.add(key(name), "(set)", why);
            }
        }
    }

    /** Where no monitoring is deployed its settings would be ignored: a receiver set there would page nobody. */
    private void refuseMonitoringSettingsWithoutMonitoring(EnvironmentKind kind, boolean monitored) {
        if (kind == EnvironmentKind.EPHEMERAL && raw.containsKey(key("monitoring"))) {
            problems.add(key("monitoring"), "(set)", "an ephemeral stack deploys no monitoring (its platform stack's "
                    + "monitoring scrapes it); remove it from a " + kind.configName() + " stack");
        }
        if (!monitored && raw.containsKey(key("alerting"))) {
            problems.add(key("alerting"), "(set)", "this stack deploys no Alertmanager (ephemeral, or monitoring.enabled "
                    + "is false), so no alert would reach these receivers; remove it or deploy monitoring");
        }
    }

    /** Under the CLI an example value stops the program; the offline plan of the committed files warns. */
    private void reportExampleValues() {
        for (ExampleValues.Found example : ExampleValues.find(raw, secretKeys)) {
            if (secretMode == SecretMode.REQUIRE) {
                problems.add(example.setting(), "'" + example.value() + "'", example.allowed());
            } else {
                warnings.add(example.warning());
            }
        }
    }

    private void rejectUnknownProjectKeys() {
        Set<String> known = new TreeSet<>(SETTINGS);
        known.addAll(SECRETS);
        for (String full : raw.keySet()) {
            if (full.startsWith(project + ":")) {
                String name = full.substring(project.length() + 1);
                if (!known.contains(name)) {
                    problems.add(full, "(unknown setting)", "is not a setting of this project; known settings: "
                            + String.join(", ", known));
                }
            }
        }
    }

    private AwsSettings readAws(EnvironmentKind kind) {
        String region = readRegion();
        NetworkSettings network = NetworkSection.read(required("network", kind, "vpcCidr, availabilityZoneCount, "
                + "subnets"), region);
        ClusterSettings cluster = ClusterSection.read(required("cluster", kind, "kubernetesVersion, addonVersions, ..."));
        Map<String, NodeGroupSettings> nodeGroups = NodeGroupSection.readAll(raw.get(key("nodeGroups")),
                key("nodeGroups"), problems, kind);
        KarpenterSettings karpenter = KarpenterSection.read(required("karpenter", kind, "nodeClass, nodePools."
                + KarpenterSettings.WORKLOADS), nodeGroups.keySet());
        DatabaseSettings database = DatabaseSection.read(section("database", kind), region);
        CacheSettings cache = CacheSection.read(section("cache", kind));
        AwsSettings aws = new AwsSettings(region, network, cluster, nodeGroups, karpenter, database, cache,
                BackupSection.read(section("backup", kind), region), VeleroSection.read(section("velero", kind)));
        CatalogChecks.check(project, aws, planDate, problems, warnings);
        return aws;
    }

    private Settings required(String name, EnvironmentKind kind, String fields) {
        Settings s = section(name, kind);
        if (!s.isPresent()) {
            problems.add(key(name), "<missing>", "is required for platform stacks (" + fields + ")");
        }
        return s;
    }

    private String readRegion() {
        JsonNode v = raw.get("aws:region");
        if (v == null) {
            problems.add("aws:region", "<missing>", "is required for platform stacks: an AWS region such as eu-west-1 "
                    + "(pulumi config set aws:region eu-west-1)");
            return "us-east-1";
        }
        String region = v.asText();
        if (!Regions.wellFormed(region)) {
            problems.add("aws:region", Settings.show(v), "must be an AWS region name such as eu-west-1");
        } else if (Regions.zones(region).isEmpty()) {
            warnings.add("aws:region " + region + " is not in the program's zone table; the availability zone count "
                    + "is checked only at deploy time");
        }
        return region;
    }
}

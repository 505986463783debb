package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.core.Cidr;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns raw stack configuration (full key to JSON value, whether it came from the Pulumi CLI or a committed stack
 * file) into one validated {@link PlatformConfig}. Every problem is collected and reported at once, before any
 * resource is registered. Defaults are declared here, next to the setting they belong to, and documented in
 * {@code docs/configuration.md}.
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
    public static final List<String> SETTINGS = List.of(
            "environment", "owner", "tags", "network", "cluster", "nodeGroups", "karpenter", "database", "cache",
            "monitoring", "alerting", "agent", "platformStack", "expiresAt", "inClusterData", "storageClassName");
    /** Secret project settings; each must be set with {@code pulumi config set --secret}. */
    public static final List<String> SECRETS = List.of(
            "redisAuthToken", "grafanaAdminPassword", "slackWebhookUrl", "telegramBotToken", "pagerdutyRoutingKey",
            "llmApiKey", "databasePassword");

    /** Retention values CloudWatch Logs accepts. */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    static final Set<Integer> RDS_MONITORING_INTERVALS = Set.of(0, 1, 5, 10, 15, 30, 60);
    static final Set<String> POSTGRES_MAJORS = Set.of("14", "15", "16", "17");
    static final Set<String> POSTGRES_LOG_EXPORTS = Set.of("postgresql", "upgrade");

    private static final String HHMM = "([01]\\d|2[0-3]):[0-5]\\d";
    private static final String DAY = "(mon|tue|wed|thu|fri|sat|sun)";

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
        this.raw = raw;
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

    private String key(String name) {
        return project + ":" + name;
    }

    private Settings top(String name) {
        return new Settings(raw.get(key(name)), key(name), problems);
    }

    private PlatformConfig bind() {
        rejectUnknownProjectKeys();

        EnvironmentKind kind = readEnvironment();
        String owner = scalar("owner", "platform-team");
        Map<String, String> extraTags = readExtraTags();

        Optional<AwsSettings> aws = Optional.empty();
        if (kind.buildsAwsPlatform()) {
            aws = Optional.of(readAws(kind));
        } else {
            for (String platformOnly : List.of("network", "cluster", "nodeGroups", "karpenter", "database", "cache")) {
                if (raw.containsKey(key(platformOnly))) {
                    problems.add(key(platformOnly), "(set)", "only platform stacks (dev, staging, production) build "
                            + "AWS infrastructure; remove it from a " + kind.configName() + " stack");
                }
            }
        }
        Optional<ClusterTargetSettings> target = readTarget(kind);
        MonitoringSettings monitoring = readMonitoring(kind);
        AlertingSettings alerting = readAlerting();
        AgentSettings agent = readAgent();
        PlatformSecrets secrets = readSecrets(kind, monitoring, alerting, agent);
        reportExampleValues();

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(stack, problems.all());
        }
        return new PlatformConfig(project, stack, kind, owner, extraTags, aws, target, monitoring, alerting, agent, secrets,
                List.copyOf(warnings), planDate);
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

    private String scalar(String name, String fallback) {
        JsonNode v = raw.get(key(name));
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isValueNode()) {
            problems.add(key(name), Settings.show(v), "must be a single text value");
            return fallback;
        }
        return v.asText();
    }

    private EnvironmentKind readEnvironment() {
        JsonNode v = raw.get(key("environment"));
        if (v == null) {
            problems.add(key("environment"), "<missing>", "is required: one of " + Settings.enumChoices(EnvironmentKind.class));
            return EnvironmentKind.DEV;
        }
        return Settings.parseEnum(EnvironmentKind.class, v.asText()).orElseGet(() -> {
            problems.add(key("environment"), Settings.show(v), "unknown environment kind; allowed: "
                    + Settings.enumChoices(EnvironmentKind.class));
            return EnvironmentKind.DEV;
        });
    }

    private Map<String, String> readExtraTags() {
        JsonNode v = raw.get(key("tags"));
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!v.isObject()) {
            problems.add(key("tags"), Settings.show(v), "must be a mapping of tag names to values");
            return out;
        }
        v.fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (Set.of("project", "environment", "component", "managed-by").contains(name)) {
                problems.add(key("tags") + "." + name, Settings.show(e.getValue()),
                        "is a standard tag the program sets itself; choose another tag name");
            } else if (!name.matches("[A-Za-z0-9 _.:/=+@-]{1,128}") || name.startsWith("aws:")) {
                problems.add(key("tags") + "." + name, Settings.show(e.getValue()),
                        "tag names are 1-128 letters, digits, spaces or _.:/=+-@ and may not start with aws:");
            } else {
                out.put(name, e.getValue().asText());
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- ephemeral and local targets

    private Optional<ClusterTargetSettings> readTarget(EnvironmentKind kind) {
        boolean ephemeral = kind == EnvironmentKind.EPHEMERAL;
        if (kind.buildsAwsPlatform()) {
            for (String targetOnly : List.of("platformStack", "expiresAt", "inClusterData", "storageClassName")) {
                if (raw.containsKey(key(targetOnly))) {
                    problems.add(key(targetOnly), "(set)", "only ephemeral and local stacks use it; remove it from a "
                            + kind.configName() + " stack");
                }
            }
            return Optional.empty();
        }
        Optional<String> platformStack = Optional.ofNullable(scalar("platformStack", null));
        if (ephemeral && platformStack.isEmpty()) {
            problems.add(key("platformStack"), "<missing>", "an ephemeral stack deploys onto a platform stack's cluster: "
                    + "set the StackReference name, e.g. my-org/agent-platform/dev");
        }
        platformStack.filter(p -> !p.matches("([\\w.-]+/){0,2}[\\w.-]+")).ifPresent(p -> problems.add(key("platformStack"),
                "'" + p + "'", "must be a stack name: <stack>, <project>/<stack> or <org>/<project>/<stack>"));
        if (!ephemeral && platformStack.isPresent()) {
            problems.add(key("platformStack"), "'" + platformStack.get() + "'", "only ephemeral stacks reference a platform stack");
        }
        Optional<java.time.Instant> expiresAt = Optional.empty();
        String expiry = scalar("expiresAt", null);
        if (expiry != null) {
            try {
                expiresAt = Optional.of(java.time.OffsetDateTime.parse(expiry).toInstant());
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(key("expiresAt"), "'" + expiry + "'", "must be an RFC 3339 timestamp such as 2026-12-01T00:00:00Z");
            }
        } else if (ephemeral) {
            problems.add(key("expiresAt"), "<missing>", "ephemeral stacks carry an expiry for the janitor: "
                    + "pulumi config set agent-platform:expiresAt 2026-12-01T00:00:00Z");
        }
        String storageClass = scalar("storageClassName", "standard");
        if (!storageClass.matches("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?")) {
            problems.add(key("storageClassName"), "'" + storageClass + "'", "must be a Kubernetes object name");
        }
        Settings data = top("inClusterData");
        String postgres = pinnedImage(data, "postgresImage", ClusterTargetSettings.DEFAULT_POSTGRES_IMAGE);
        String redis = pinnedImage(data, "redisImage", ClusterTargetSettings.DEFAULT_REDIS_IMAGE);
        data.rejectUnknownKeys();
        SecretValue databasePassword = requiredSecret("databasePassword",
                "the password of the in-cluster PostgreSQL (at least 16 characters)", v -> v.length() >= 16);
        return Optional.of(new ClusterTargetSettings(platformStack, expiresAt, storageClass, postgres, redis,
                databasePassword));
    }

    /** An image reference pinned by tag or digest, never {@code latest}. */
    private static String pinnedImage(Settings s, String name, String fallback) {
        String image = s.string(name, fallback);
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        boolean digest = image.matches(".+@sha256:[0-9a-f]{64}");
        boolean tag = lastSegment.contains(":") && !lastSegment.endsWith(":");
        if (!digest && !tag) {
            s.problem(name, "'" + image + "'", "must be pinned by tag (repo:1.4.2) or digest (repo@sha256:...)");
        } else if (!digest && lastSegment.endsWith(":latest")) {
            s.problem(name, "'" + image + "'", "'latest' is not a pin; use a version tag or a digest");
        }
        return image;
    }

    // ---------------------------------------------------------------- AWS platform

    private AwsSettings readAws(EnvironmentKind kind) {
        String region = readRegion();
        NetworkSettings network = readNetwork(kind, region);
        ClusterSettings cluster = readCluster(kind);
        Map<String, NodeGroupSettings> nodeGroups = readNodeGroups();
        KarpenterSettings karpenter = KarpenterReader.read(top("karpenter"), nodeGroups.keySet());
        DatabaseSettings database = readDatabase(kind);
        CacheSettings cache = readCache(kind);
        AwsSettings aws = new AwsSettings(region, network, cluster, nodeGroups, karpenter, database, cache);
        CatalogChecks.check(project, aws, planDate, problems, warnings);
        return aws;
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

    private NetworkSettings readNetwork(EnvironmentKind kind, String region) {
        Settings s = top("network");
        if (!s.isPresent()) {
            problems.add(key("network"), "<missing>", "is required for platform stacks (vpcCidr, availabilityZoneCount, subnets)");
        }
        String vpcCidr = s.requiredString("vpcCidr", "the VPC's IPv4 range, e.g. 10.10.0.0/16");
        int maxZones = Regions.zones(region).orElse(6);
        int zones = s.integer("availabilityZoneCount", kind.minimumAvailabilityZones(), 1, 6);
        if (zones < kind.minimumAvailabilityZones()) {
            s.problem("availabilityZoneCount", String.valueOf(zones), "a " + kind.configName() + " stack needs at least "
                    + kind.minimumAvailabilityZones() + " availability zones");
        } else if (zones > maxZones) {
            s.problem("availabilityZoneCount", String.valueOf(zones), "region " + region + " offers " + maxZones
                    + " availability zones; allowed: " + kind.minimumAvailabilityZones() + " to " + maxZones);
        }
        NetworkSettings.NatStrategy nat = s.enumeration("natGateways", NetworkSettings.NatStrategy.class,
                kind.holdsValuableData() ? NetworkSettings.NatStrategy.PER_AZ : NetworkSettings.NatStrategy.SINGLE);
        List<String> publicCidrs = s.strings("publicSubnetCidrs", List.of());
        List<String> privateCidrs = s.strings("privateSubnetCidrs", List.of());
        List<String> databaseCidrs = s.strings("databaseSubnetCidrs", List.of());
        int flowLogDays = retention(s, "flowLogRetentionDays", 30);
        List<String> endpoints = s.strings("interfaceEndpoints", List.of());
        for (String endpoint : endpoints) {
            if (!endpoint.matches("[a-z0-9][a-z0-9.-]*")) {
                s.problem("interfaceEndpoints", "'" + endpoint + "'", "entries are AWS service short names such as ecr.api or sts");
            }
        }
        boolean protect = s.bool("protect", kind.holdsValuableData());
        s.rejectUnknownKeys();
        validateSubnets(s, vpcCidr, zones, Map.of("publicSubnetCidrs", publicCidrs, "privateSubnetCidrs", privateCidrs,
                "databaseSubnetCidrs", databaseCidrs));
        return new NetworkSettings(vpcCidr, zones, nat, publicCidrs, privateCidrs, databaseCidrs, flowLogDays, endpoints,
                protect);
    }

    private void validateSubnets(Settings s, String vpcText, int zones, Map<String, List<String>> tiers) {
        Optional<Cidr> vpc = Cidr.parse(vpcText);
        if (!vpcText.isEmpty() && vpc.isEmpty()) {
            s.problem("vpcCidr", "'" + vpcText + "'", "must be an IPv4 CIDR block with no host bits set, e.g. 10.10.0.0/16");
        } else if (vpc.isPresent() && (vpc.get().prefix() < 16 || vpc.get().prefix() > 24)) {
            s.problem("vpcCidr", "'" + vpcText + "'", "a VPC range must be between /16 and /24");
        }
        Map<String, Cidr> seen = new LinkedHashMap<>();
        for (String tier : List.of("publicSubnetCidrs", "privateSubnetCidrs", "databaseSubnetCidrs")) {
            List<String> cidrs = tiers.get(tier);
            if (cidrs.size() != zones) {
                s.problem(tier, cidrs.toString(), "needs exactly one CIDR per availability zone (" + zones + ")");
            }
            for (int i = 0; i < cidrs.size(); i++) {
                String where = tier + "[" + i + "]";
                Optional<Cidr> subnet = Cidr.parse(cidrs.get(i));
                if (subnet.isEmpty()) {
                    s.problem(where, "'" + cidrs.get(i) + "'", "must be an IPv4 CIDR block with no host bits set, e.g. 10.10.0.0/24");
                    continue;
                }
                if (vpc.isPresent() && !vpc.get().contains(subnet.get())) {
                    s.problem(where, "'" + cidrs.get(i) + "'", "lies outside the VPC range " + vpc.get());
                }
                if (subnet.get().prefix() > 28) {
                    s.problem(where, "'" + cidrs.get(i) + "'", "AWS subnets are /28 or larger");
                }
                for (Map.Entry<String, Cidr> other : seen.entrySet()) {
                    if (other.getValue().overlaps(subnet.get())) {
                        s.problem(where, "'" + cidrs.get(i) + "'", "overlaps " + other.getKey() + " (" + other.getValue() + ")");
                    }
                }
                seen.put(s.pathOf(where), subnet.get());
            }
        }
    }

    private static String dailyWindow(Settings s, String name, String fallback) {
        String window = s.string(name, fallback);
        if (!window.matches(HHMM + "-" + HHMM)) {
            s.problem(name, "'" + window + "'", "must be a daily UTC window hh:mm-hh:mm, e.g. " + fallback);
        }
        return window;
    }

    private static String weeklyWindow(Settings s, String name, String fallback) {
        String window = s.string(name, fallback);
        if (!window.matches(DAY + ":" + HHMM + "-" + DAY + ":" + HHMM)) {
            s.problem(name, "'" + window + "'", "must be a weekly UTC window ddd:hh:mm-ddd:hh:mm, e.g. " + fallback);
        }
        return window;
    }

    /** A lower bound, an upper bound and a value that must lie between them (node group sizes, replica counts). */
    private static void requireWithin(Settings s, String minName, int min, String maxName, int max, String valueName,
                                      int value) {
        if (min > max) {
            s.problem(minName, String.valueOf(min), "must not exceed " + maxName + " (" + max + ")");
        } else if (value < min || value > max) {
            s.problem(valueName, String.valueOf(value), "must lie within [" + minName + ", " + maxName + "] = ["
                    + min + ", " + max + "]");
        }
    }

    private int retention(Settings s, String name, int fallback) {
        int days = s.integer(name, fallback, 1, 3653);
        if (s.has(name) && !LOG_RETENTION_DAYS.contains(days)) {
            s.problem(name, String.valueOf(days), "CloudWatch Logs accepts " + new TreeSet<>(LOG_RETENTION_DAYS));
            return fallback;
        }
        return days;
    }

    private ClusterSettings readCluster(EnvironmentKind kind) {
        Settings s = top("cluster");
        if (!s.isPresent()) {
            problems.add(key("cluster"), "<missing>", "is required for platform stacks (kubernetesVersion, addonVersions, ...)");
        }
        String version = s.requiredString("kubernetesVersion", "an EKS minor version such as 1.35");
        if (!version.isEmpty() && !version.matches("1\\.\\d+")) {
            s.problem("kubernetesVersion", "'" + version + "'", "must be an EKS minor version such as 1.35");
        }
        // Support dates and add-on versions are checked against the dated AWS catalog (CatalogChecks).
        boolean allowExtendedSupport = s.bool("allowExtendedSupport", false);
        boolean publicEndpoint = s.bool("endpointPublicAccess", false);
        List<String> publicCidrs = s.strings("publicAccessCidrs", List.of());
        if (publicEndpoint && publicCidrs.isEmpty()) {
            s.problem("publicAccessCidrs", "[]", "the public endpoint is on, so list who may reach it (CIDR blocks)");
        }
        if (!publicEndpoint && !publicCidrs.isEmpty()) {
            s.problem("publicAccessCidrs", publicCidrs.toString(), "only applies when endpointPublicAccess is true");
        }
        for (int i = 0; i < publicCidrs.size(); i++) {
            Optional<Cidr> c = Cidr.parse(publicCidrs.get(i));
            if (c.isEmpty()) {
                s.problem("publicAccessCidrs[" + i + "]", "'" + publicCidrs.get(i) + "'", "must be an IPv4 CIDR block");
            } else if (c.get().isAnywhere() && kind == EnvironmentKind.PRODUCTION) {
                s.problem("publicAccessCidrs[" + i + "]", "'" + publicCidrs.get(i) + "'",
                        "production refuses a Kubernetes API open to the whole internet; list your office/VPN ranges");
            }
        }
        int logDays = retention(s, "logRetentionDays", 90);
        ClusterSettings.AuthenticationMode mode = s.enumeration("authenticationMode",
                ClusterSettings.AuthenticationMode.class, ClusterSettings.AuthenticationMode.API);
        List<String> admins = s.strings("adminPrincipalArns", List.of());
        for (int i = 0; i < admins.size(); i++) {
            if (!admins.get(i).matches("arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]+")) {
                s.problem("adminPrincipalArns[" + i + "]", "'" + admins.get(i) + "'",
                        "must be an IAM role or user ARN: arn:aws:iam::<12-digit account>:role/<name>");
            }
        }
        Map<String, String> addons = s.stringMap("addonVersions");
        for (String addon : ClusterSettings.REQUIRED_ADDONS) {
            String v = addons.get(addon);
            if (v == null) {
                s.problem("addonVersions." + addon, "<missing>", "pin the add-on version for Kubernetes " + version
                        + " (aws eks describe-addon-versions --addon-name " + addon + ")");
            } else if (!v.matches("v\\d+\\.\\d+\\.\\d+-eksbuild\\.\\d+")) {
                s.problem("addonVersions." + addon, "'" + v + "'", "must be an exact EKS add-on version like v1.19.5-eksbuild.1");
            }
        }
        for (String addon : addons.keySet()) {
            if (!ClusterSettings.REQUIRED_ADDONS.contains(addon)) {
                s.problem("addonVersions." + addon, "'" + addons.get(addon) + "'", "unknown add-on; managed add-ons are "
                        + ClusterSettings.REQUIRED_ADDONS);
            }
        }
        boolean protect = s.bool("protect", kind.holdsValuableData());
        CiAccessSettings ciAccess = CiAccessReader.read(s, publicEndpoint, publicCidrs, admins);
        s.rejectUnknownKeys();
        return new ClusterSettings(version, publicEndpoint, publicCidrs, logDays, mode, admins, addons, protect,
                allowExtendedSupport, ciAccess);
    }

    private Map<String, NodeGroupSettings> readNodeGroups() {
        JsonNode v = raw.get(key("nodeGroups"));
        Map<String, NodeGroupSettings> groups = new LinkedHashMap<>();
        if (v == null || !v.isObject()) {
            problems.add(key("nodeGroups"), Settings.show(v), "must map node group names to settings; required groups: "
                    + NodeGroupSettings.REQUIRED_GROUPS);
            return groups;
        }
        Settings all = new Settings(JsonNodes.wrap(key("nodeGroups"), v), "", problems);
        groups.putAll(all.objectMap(key("nodeGroups"), this::readNodeGroup));
        for (String required : NodeGroupSettings.REQUIRED_GROUPS) {
            if (!groups.containsKey(required)) {
                problems.add(key("nodeGroups") + "." + required, "<missing>", "every platform stack needs node groups "
                        + NodeGroupSettings.REQUIRED_GROUPS);
            }
        }
        for (String name : groups.keySet()) {
            if (!name.matches("[a-z][a-z0-9-]{0,19}")) {
                problems.add(key("nodeGroups") + "." + name, "'" + name + "'",
                        "node group names are 1-20 lowercase letters, digits or dashes, starting with a letter");
            }
        }
        return groups;
    }

    private NodeGroupSettings readNodeGroup(Settings s) {
        List<String> types = s.strings("instanceTypes", List.of());
        if (types.isEmpty()) {
            s.problem("instanceTypes", "[]", "list at least one EC2 instance type, e.g. [m7i.large]");
        }
        for (String t : types) {
            if (!t.matches("[a-z][a-z0-9-]*\\.[a-z0-9]+")) {
                s.problem("instanceTypes", "'" + t + "'", "must be an EC2 instance type such as m7i.large");
            }
        }
        NodeGroupSettings.CapacityType capacity = s.enumeration("capacityType", NodeGroupSettings.CapacityType.class,
                NodeGroupSettings.CapacityType.ON_DEMAND);
        int min = s.integer("minSize", 1, 0, 450);
        int max = s.integer("maxSize", Math.max(min, 3), 1, 450);
        int desired = s.integer("desiredSize", min, 0, 450);
        requireWithin(s, "minSize", min, "maxSize", max, "desiredSize", desired);
        int disk = s.integer("diskSizeGiB", 50, 20, 1000);
        int maxUnavailable = s.integer("maxUnavailable", 1, 1, 100);
        Map<String, String> labels = s.stringMap("labels");
        if (labels.containsKey(NodeGroupSettings.ROLE_LABEL)) {
            s.problem("labels." + NodeGroupSettings.ROLE_LABEL, "'" + labels.get(NodeGroupSettings.ROLE_LABEL) + "'",
                    "is set from the node group's name; remove it (other labels are allowed)");
        }
        List<NodeGroupSettings.Taint> taints = s.objectList("taints", t -> {
            String k = t.requiredString("key", "the taint key, e.g. dedicated");
            String v = t.string("value", "");
            NodeGroupSettings.TaintEffect effect = t.requiredEnumeration("effect", NodeGroupSettings.TaintEffect.class,
                    NodeGroupSettings.TaintEffect.NO_SCHEDULE);
            return new NodeGroupSettings.Taint(k, v, effect);
        });
        return new NodeGroupSettings(types, capacity, min, max, desired, disk, maxUnavailable, labels, taints);
    }

    private DatabaseSettings readDatabase(EnvironmentKind kind) {
        Settings s = top("database");
        String version = s.string("engineVersion", "16");
        if (!version.matches("\\d+(\\.\\d+)?") || !POSTGRES_MAJORS.contains(version.split("\\.")[0])) {
            s.problem("engineVersion", "'" + version + "'", "must be a PostgreSQL major ('16') or major.minor ('16.11') of "
                    + "major " + new TreeSet<>(POSTGRES_MAJORS));
        }
        String instanceClass = s.string("instanceClass", "db.t4g.medium");
        if (!instanceClass.matches("db\\.[a-z0-9]+\\.[a-z0-9]+")) {
            s.problem("instanceClass", "'" + instanceClass + "'", "must be an RDS instance class such as db.t4g.medium");
        }
        int storage = s.integer("allocatedStorageGiB", 20, 20, 65536);
        int maxStorage = s.integer("maxAllocatedStorageGiB", storage * 5, 20, 65536);
        if (maxStorage <= storage) {
            s.problem("maxAllocatedStorageGiB", String.valueOf(maxStorage), "storage autoscaling needs a ceiling above "
                    + "allocatedStorageGiB (" + storage + ")");
        }
        boolean multiAz = s.bool("multiAz", kind.holdsValuableData());
        int backupDays = s.integer("backupRetentionDays", kind.holdsValuableData() ? 14 : 1, 1, 35);
        String backupWindow = dailyWindow(s, "backupWindow", "02:00-03:00");
        String maintenanceWindow = weeklyWindow(s, "maintenanceWindow", "sun:03:30-sun:04:30");
        boolean insights = s.bool("performanceInsights", kind != EnvironmentKind.DEV);
        int monitoringInterval = s.integer("monitoringIntervalSeconds", kind.holdsValuableData() ? 30 : 0, 0, 60);
        if (!RDS_MONITORING_INTERVALS.contains(monitoringInterval)) {
            s.problem("monitoringIntervalSeconds", String.valueOf(monitoringInterval), "must be one of "
                    + new TreeSet<>(RDS_MONITORING_INTERVALS) + " (0 turns enhanced monitoring off)");
        }
        List<String> logExports = s.strings("logExports", List.of("postgresql", "upgrade"));
        for (String e : logExports) {
            if (!POSTGRES_LOG_EXPORTS.contains(e)) {
                s.problem("logExports", "'" + e + "'", "PostgreSQL exports " + new TreeSet<>(POSTGRES_LOG_EXPORTS));
            }
        }
        int logRetentionDays = retention(s, "logRetentionDays", kind.holdsValuableData() ? 365 : 30);
        boolean autoMinor = s.bool("autoMinorVersionUpgrade", true);
        boolean valuable = kind.holdsValuableData();
        boolean deletionProtection = s.bool("deletionProtection", valuable);
        boolean skipFinalSnapshot = s.bool("skipFinalSnapshot", !valuable);
        boolean protect = s.bool("protect", valuable);
        boolean acknowledged = s.bool("acknowledgeDataLoss", false);
        if (valuable && !acknowledged) {
            String why = "would let one command lose " + kind.configName() + " data; keep the default or set "
                    + s.pathOf("acknowledgeDataLoss") + ": true";
            if (!deletionProtection) {
                s.problem("deletionProtection", "false", why);
            }
            if (skipFinalSnapshot) {
                s.problem("skipFinalSnapshot", "true", why);
            }
            if (!protect) {
                s.problem("protect", "false", why);
            }
        }
        String dbName = s.string("databaseName", "agent");
        if (!dbName.matches("[a-zA-Z][a-zA-Z0-9_]{0,62}")) {
            s.problem("databaseName", "'" + dbName + "'", "must start with a letter and hold up to 63 letters, digits or _");
        }
        String masterUser = s.string("masterUsername", "agent_admin");
        if (!masterUser.matches("[a-zA-Z][a-zA-Z0-9_]{0,15}")
                || Set.of("admin", "rdsadmin", "postgres", "agent_app").contains(masterUser)) {
            s.problem("masterUsername", "'" + masterUser + "'",
                    "must be 1-16 letters, digits or _, start with a letter, and not be a reserved name (admin, rdsadmin, "
                            + "postgres, or agent_app: the agent's own least-privileged role)");
        }
        s.rejectUnknownKeys();
        return new DatabaseSettings(version, instanceClass, storage, maxStorage, multiAz, backupDays, backupWindow,
                maintenanceWindow, insights, monitoringInterval, logExports, logRetentionDays, autoMinor, deletionProtection,
                skipFinalSnapshot, protect, acknowledged, dbName, masterUser);
    }

    private CacheSettings readCache(EnvironmentKind kind) {
        Settings s = top("cache");
        CacheSettings.Engine engine = s.enumeration("engine", CacheSettings.Engine.class, CacheSettings.Engine.VALKEY);
        String version = s.string("engineVersion", engine == CacheSettings.Engine.VALKEY ? "8.0" : "7.1");
        if (!version.matches("\\d+\\.\\d+")) {
            s.problem("engineVersion", "'" + version + "'", "must be an exact engine version (major.minor) such as 8.0");
        }
        String nodeType = s.string("nodeType", "cache.t4g.small");
        if (!nodeType.matches("cache\\.[a-z0-9]+\\.[a-z0-9]+")) {
            s.problem("nodeType", "'" + nodeType + "'", "must be an ElastiCache node type such as cache.t4g.small");
        }
        int replicas = s.integer("replicas", kind.holdsValuableData() ? 1 : 0, 0, 5);
        if (kind.holdsValuableData() && replicas < 1) {
            s.problem("replicas", String.valueOf(replicas), "a " + kind.configName()
                    + " cache needs at least 1 replica for Multi-AZ failover");
        }
        int snapshots = s.integer("snapshotRetentionDays", kind.holdsValuableData() ? 7 : 0, 0, 35);
        String snapshotWindow = dailyWindow(s, "snapshotWindow", "04:00-05:00");
        String maintenanceWindow = weeklyWindow(s, "maintenanceWindow", "sun:05:30-sun:06:30");
        int slowLogDays = retention(s, "slowLogRetentionDays", 14);
        boolean protect = s.bool("protect", kind.holdsValuableData());
        s.rejectUnknownKeys();
        return new CacheSettings(engine, version, nodeType, replicas, snapshots, snapshotWindow, maintenanceWindow, slowLogDays,
                protect);
    }

    // ---------------------------------------------------------------- cluster workloads

    private MonitoringSettings readMonitoring(EnvironmentKind kind) {
        Settings s = top("monitoring");
        String retention = s.string("prometheusRetention", "15d");
        if (!retention.matches("\\d+[hdwy]")) {
            s.problem("prometheusRetention", "'" + retention + "'", "must be a Prometheus duration such as 15d or 4w");
        }
        String retentionSize = s.string("prometheusRetentionSize", "40GB");
        int volume = s.integer("prometheusVolumeGiB", 50, 1, 16384);
        if (!retentionSize.matches("\\d+(MB|GB|TB)")) {
            s.problem("prometheusRetentionSize", "'" + retentionSize + "'", "must be a size such as 40GB");
        } else if (sizeInGiB(retentionSize) >= volume) {
            s.problem("prometheusRetentionSize", "'" + retentionSize + "'", "must be smaller than prometheusVolumeGiB ("
                    + volume + " GiB) so Prometheus prunes before the volume fills");
        }
        int prometheusReplicas = s.integer("prometheusReplicas", 1, 1, 5);
        int alertmanagerReplicas = s.integer("alertmanagerReplicas", 1, 1, 5);
        int alertmanagerVolume = s.integer("alertmanagerVolumeGiB", 2, 1, 100);
        int grafanaReplicas = s.integer("grafanaReplicas", 1, 1, 5);
        int lokiRetention = s.integer("lokiRetentionDays", 7, 1, 3650);
        boolean lokiS3 = s.bool("lokiObjectStorage", false);
        int lokiVolume = s.integer("lokiVolumeGiB", 20, 1, 16384);
        int lokiReplicas = s.integer("lokiReplicas", 1, 1, 5);
        if (lokiReplicas > 1 && !lokiS3) {
            s.problem("lokiReplicas", String.valueOf(lokiReplicas), "more than one Loki replica needs lokiObjectStorage: true "
                    + "(replicas cannot share a filesystem volume)");
        }
        boolean protect = s.bool("protect", kind.holdsValuableData());
        boolean enabled = s.bool("enabled", true);
        if (!enabled && kind != EnvironmentKind.LOCAL) {
            s.problem("enabled", "false", "only local stacks may run without monitoring (the agent's alerts and "
                    + "dashboards live in it); remove it from a " + kind.configName() + " stack");
        }
        s.rejectUnknownKeys();
        return new MonitoringSettings(retention, retentionSize, volume, prometheusReplicas, alertmanagerReplicas,
                alertmanagerVolume, grafanaReplicas, lokiRetention, lokiS3, lokiVolume, lokiReplicas, protect, enabled);
    }

    private static double sizeInGiB(String size) {
        long n = Long.parseLong(size.replaceAll("\\D", ""));
        return size.endsWith("TB") ? n * 1024.0 : size.endsWith("GB") ? n : n / 1024.0;
    }

    private AlertingSettings readAlerting() {
        Settings s = top("alerting");
        Optional<String> slack = Optional.ofNullable(s.string("slackChannel", null));
        slack.filter(c -> !c.matches("#[a-z0-9._-]{1,80}")).ifPresent(c ->
                s.problem("slackChannel", "'" + c + "'", "must be a Slack channel name such as #alerts"));
        Optional<String> telegram = Optional.ofNullable(s.string("telegramChatId", null));
        telegram.filter(c -> !c.matches("-?\\d{1,20}")).ifPresent(c ->
                s.problem("telegramChatId", "'" + c + "'", "must be a numeric Telegram chat id such as -1001234567890"));
        boolean pagerduty = s.bool("pagerduty", false);
        s.rejectUnknownKeys();
        return new AlertingSettings(slack, telegram, pagerduty);
    }

    private AgentSettings readAgent() {
        Settings s = top("agent");
        String image = "";
        if (s.has("image")) {
            image = pinnedImage(s, "image", "");
        } else {
            s.problem("image", "<missing>", "is required: a container image pinned by tag or digest, e.g. "
                    + "123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent@sha256:<digest>");
        }
        int min = s.integer("minReplicas", 2, 1, 100);
        int max = s.integer("maxReplicas", Math.max(min, 4), 1, 500);
        int replicas = s.integer("replicas", min, 1, 500);
        requireWithin(s, "minReplicas", min, "maxReplicas", max, "replicas", replicas);
        String cpuRequest = quantity(s, "cpuRequest", "250m", true);
        String memoryRequest = quantity(s, "memoryRequest", "512Mi", false);
        String cpuLimit = quantity(s, "cpuLimit", "1", true);
        String memoryLimit = quantity(s, "memoryLimit", "768Mi", false);
        int cpuTarget = s.integer("targetCpuPercent", 70, 1, 100);
        int memoryTarget = s.integer("targetMemoryPercent", 80, 1, 100);
        int scaleDown = s.integer("scaleDownStabilizationSeconds", 300, 0, 3600);
        Optional<AgentSettings.Ingress> ingress = Optional.empty();
        if (s.has("ingress")) {
            Settings i = s.object("ingress");
            String host = i.requiredString("host", "the API's DNS name, e.g. agents.example.com");
            if (!host.isEmpty() && !host.matches("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}")) {
                i.problem("host", "'" + host + "'", "must be a DNS name such as agents.example.com");
            }
            String className = i.string("className", "alb");
            Optional<String> cert = Optional.ofNullable(i.string("certificateArn", null));
            cert.filter(c -> !c.matches("arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+")).ifPresent(c ->
                    i.problem("certificateArn", "'" + c + "'", "must be an ACM certificate ARN"));
            Optional<String> tlsSecret = Optional.ofNullable(i.string("tlsSecretName", null));
            if (cert.isEmpty() && tlsSecret.isEmpty()) {
                i.problem("certificateArn", "<missing>", "ingress serves TLS only: set certificateArn (ALB) or tlsSecretName");
            }
            i.rejectUnknownKeys();
            ingress = Optional.of(new AgentSettings.Ingress(host, className, cert, tlsSecret));
        }
        Optional<String> llmUrl = Optional.ofNullable(s.string("llmApiUrl", null));
        llmUrl.filter(u -> !u.matches("https://[^\\s]+")).ifPresent(u ->
                s.problem("llmApiUrl", "'" + u + "'", "must be an https:// URL of an OpenAI-compatible API"));
        int rateLimit = s.integer("rateLimitPerMinute", 60, 1, 100000);
        Optional<String> llmModel = Optional.ofNullable(s.string("llmModel", null));
        if (llmUrl.isPresent() && llmModel.isEmpty()) {
            s.problem("llmModel", "<missing>", "is required when llmApiUrl is set: the model name, e.g. gpt-4o-mini");
        } else if (llmUrl.isEmpty() && llmModel.isPresent()) {
            s.problem("llmModel", "'" + llmModel.get() + "'", "only applies when llmApiUrl is set (the offline model has no name to choose)");
        }
        llmModel.filter(m -> !m.matches("[A-Za-z0-9._:/-]{1,128}")).ifPresent(m ->
                s.problem("llmModel", "'" + m + "'", "must be 1-128 letters, digits or ._:/-"));
        // The app accepts 1-3600; the pod's grace period adds the preStop pause and a margin on top.
        int shutdownGrace = s.integer("shutdownGraceSeconds", 20, 1, 300);
        s.rejectUnknownKeys();
        return new AgentSettings(image, replicas, min, max, cpuRequest, memoryRequest, cpuLimit, memoryLimit, cpuTarget,
                memoryTarget, scaleDown, ingress, llmUrl, rateLimit, llmModel, shutdownGrace);
    }

    private static String quantity(Settings s, String name, String fallback, boolean cpu) {
        String v = s.string(name, fallback);
        String pattern = cpu ? "\\d+(\\.\\d+)?m?" : "\\d+(Ki|Mi|Gi)";
        if (!v.matches(pattern)) {
            s.problem(name, "'" + v + "'", cpu ? "must be a CPU quantity such as 250m or 1" : "must be a memory quantity such as 512Mi or 1Gi");
            return fallback;
        }
        return v;
    }

    // ---------------------------------------------------------------- secrets

    private PlatformSecrets readSecrets(EnvironmentKind kind, MonitoringSettings monitoring, AlertingSettings alerting,
                                        AgentSettings agent) {
        return new PlatformSecrets(
                requiredSecret("redisAuthToken", "the ElastiCache AUTH token (16-128 printable characters, no @, \" or /)",
                        v -> v.length() >= 16 && v.length() <= 128),
                secret("grafanaAdminPassword", kind != EnvironmentKind.EPHEMERAL && monitoring.enabled(),
                        "the Grafana admin password (at least 12 characters)", v -> v.length() >= 12),
                secret("slackWebhookUrl", alerting.slack(), "the Slack incoming-webhook URL for alerting.slackChannel", v -> true),
                secret("telegramBotToken", alerting.telegram(), "the Telegram bot token for alerting.telegramChatId", v -> true),
                secret("pagerdutyRoutingKey", alerting.pagerduty(), "the PagerDuty Events v2 routing key", v -> true),
                secret("llmApiKey", agent.llmApiUrl().isPresent(), "the API key of agent.llmApiUrl", v -> true));
    }

    /**
     * A secret the stack cannot run without. When it is missing or invalid a problem is recorded and the placeholder
     * returned here is never seen: {@link #bind()} throws before it builds the config.
     */
    private SecretValue requiredSecret(String name, String what, Function<String, Boolean> valid) {
        return secret(name, true, what, valid).orElseGet(() -> SecretValue.placeholder(name));
    }

    private Optional<SecretValue> secret(String name, boolean required, String what, Function<String, Boolean> valid) {
        String full = key(name);
        JsonNode v = raw.get(full);
        boolean encrypted = secretKeys.contains(full) || (v != null && v.isObject() && v.has("secure"));
        if (v != null && !encrypted) {
            problems.add(full, "(plain text, not shown)", "is a secret and must be stored encrypted: pulumi config set --secret "
                    + full + " <value> --stack " + stack);
            return Optional.empty();
        }
        if (v == null || v.isObject()) {
            // Absent, or encrypted in a stack file the offline plan cannot decrypt.
            if (!required) {
                return Optional.empty();
            }
            if (secretMode == SecretMode.REQUIRE) {
                problems.add(full, "<missing>", "is required: " + what + "; set it with: pulumi config set --secret " + full
                        + " <value> --stack " + stack);
                return Optional.empty();
            }
            if (v == null) {
                warnings.add("secret " + full + " is not set; the offline plan uses a placeholder (set it with: pulumi config "
                        + "set --secret " + full + " <value> --stack " + stack + ")");
            }
            return Optional.of(SecretValue.placeholder(name));
        }
        String text = v.asText();
        if (!valid.apply(text)) {
            problems.add(full, "(secret, " + text.length() + " characters)", "must be " + what);
        }
        return Optional.of(SecretValue.of(name, text));
    }
}

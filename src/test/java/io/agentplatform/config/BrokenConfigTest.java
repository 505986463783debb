package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentplatform.StackPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table of broken inputs, each starting from a real committed stack file and asserting its message. */
class BrokenConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, JsonNode> stack(String stack) {
        Path dir = StackPlans.projectDir();
        Map<String, JsonNode> raw = StackConfigSource.rawConfig(dir, dir.resolve("Pulumi." + stack + ".yaml"), "agent-platform");
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        raw.forEach((k, v) -> copy.put(k, v.deepCopy()));
        return copy;
    }

    /**
     * The stack with its example values (README: Settings to replace) replaced by values a real account would use,
     * as a team does before its first {@code pulumi up}.
     */
    static Map<String, JsonNode> withOwnValues(Map<String, JsonNode> raw) {
        ObjectNode cluster = section(raw, "cluster");
        if (cluster != null) {
            if (cluster.has("publicAccessCidrs")) {
                cluster.putArray("publicAccessCidrs").add("52.16.0.0/24").add("34.240.10.0/24");
            }
            cluster.putArray("adminPrincipalArns").add("arn:aws:iam::210987654321:role/platform-admins");
            if (cluster.get("ciAccess") instanceof ObjectNode ci) {
                if (ci.has("egressCidrs")) {
                    ci.putArray("egressCidrs").add("52.16.0.0/24");
                }
                for (String role : List.of("ephemeralRoleArn", "planRoleArn", "driftRoleArn")) {
                    if (ci.has(role)) {
                        ci.put(role, ci.get(role).asText().replace("123456789012", "210987654321"));
                    }
                }
            }
        }
        if (section(raw, "agent") != null && section(raw, "agent").get("ingress") instanceof ObjectNode ingress) {
            ingress.put("host", "agents.acme-corp.io");
            ingress.put("certificateArn", "arn:aws:acm:eu-west-1:210987654321:certificate/11111111-2222-3333-4444-555555555555");
        }
        return raw;
    }

    static ObjectNode section(Map<String, JsonNode> raw, String name) {
        return (ObjectNode) raw.get("agent-platform:" + name);
    }

    static InvalidConfigException broken(String stack, Consumer<Map<String, JsonNode>> breakIt) {
        Map<String, JsonNode> raw = stack(stack);
        breakIt.accept(raw);
        return assertThrows(InvalidConfigException.class,
                () -> ConfigBinder.bind("agent-platform", stack, raw, Set.of(), ConfigBinder.SecretMode.PLACEHOLDER));
    }

    static Stream<Arguments> brokenInputs() {
        return Stream.of(
                Arguments.of("master user named like the agent's own role", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "database").put("masterUsername", "agent_app"),
                        "agent-platform:database.masterUsername", "agent_app: the agent's own least-privileged role"),
                Arguments.of("malformed VPC CIDR", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").put("vpcCidr", "10.10.0.0/33"),
                        "agent-platform:network.vpcCidr", "'10.10.0.0/33'"),
                Arguments.of("VPC CIDR with host bits", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").put("vpcCidr", "10.10.0.1/16"),
                        "agent-platform:network.vpcCidr", "no host bits"),
                Arguments.of("subnet outside the VPC", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").withArray("privateSubnetCidrs").set(0, TextNode.valueOf("10.99.0.0/19")),
                        "agent-platform:network.privateSubnetCidrs[0]", "outside the VPC range 10.10.0.0/16"),
                Arguments.of("overlapping subnets", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").withArray("databaseSubnetCidrs").set(0, TextNode.valueOf("10.10.0.0/24")),
                        "agent-platform:network.databaseSubnetCidrs[0]", "overlaps agent-platform:network.publicSubnetCidrs[0]"),
                Arguments.of("subnet count differs from zone count", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").withArray("publicSubnetCidrs").remove(1),
                        "agent-platform:network.publicSubnetCidrs", "one CIDR per availability zone (2)"),
                Arguments.of("production with two zones", "production",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").put("availabilityZoneCount", 2),
                        "agent-platform:network.availabilityZoneCount", "at least 3 availability zones"),
                Arguments.of("more zones than the region has", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> { r.put("aws:region", TextNode.valueOf("us-west-1")); section(r, "network").put("availabilityZoneCount", 3); },
                        "agent-platform:network.availabilityZoneCount", "region us-west-1 offers 2"),
                Arguments.of("unknown environment kind", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:environment", TextNode.valueOf("prod")),
                        "agent-platform:environment", "unknown environment kind; allowed: dev, staging, production, ephemeral, local"),
                Arguments.of("node group min above max", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) section(r, "nodeGroups").get("system")).put("minSize", 5),
                        "agent-platform:nodeGroups.system.minSize", "must not exceed maxSize (3)"),
                Arguments.of("node group desired outside bounds", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) section(r, "nodeGroups").get("system")).put("desiredSize", 9),
                        "agent-platform:nodeGroups.system.desiredSize", "within [minSize, maxSize] = [2, 3]"),
                Arguments.of("empty instance type list", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) section(r, "nodeGroups").get("system")).putArray("instanceTypes"),
                        "agent-platform:nodeGroups.system.instanceTypes", "at least one EC2 instance type"),
                Arguments.of("a node-role label, which the group's name sets", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) section(r, "nodeGroups").get("system"))
                                .putObject("labels").put("node-role", "workloads"),
                        "agent-platform:nodeGroups.system.labels.node-role", "is set from the node group's name"),
                Arguments.of("missing required node group (the system group renamed)", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "nodeGroups").set("infra",
                                section(r, "nodeGroups").remove("system")),
                        "agent-platform:nodeGroups.system", "<missing>"),
                Arguments.of("zero backup retention", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "database").put("backupRetentionDays", 0),
                        "agent-platform:database.backupRetentionDays", "must be from 1 to 35"),
                Arguments.of("log retention CloudWatch does not offer", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").put("flowLogRetentionDays", 10),
                        "agent-platform:network.flowLogRetentionDays", "CloudWatch Logs accepts"),
                Arguments.of("production database without deletion protection", "production",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "database").put("deletionProtection", false),
                        "agent-platform:database.deletionProtection", "acknowledgeDataLoss: true"),
                Arguments.of("production database skipping its final snapshot", "production",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "database").put("skipFinalSnapshot", true),
                        "agent-platform:database.skipFinalSnapshot", "would let one command lose production data"),
                Arguments.of("production API open to the internet", "production",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "cluster").withArray("publicAccessCidrs").set(0, TextNode.valueOf("0.0.0.0/0")),
                        "agent-platform:cluster.publicAccessCidrs[0]", "production refuses a Kubernetes API open to the whole internet"),
                Arguments.of("unpinned add-on", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) section(r, "cluster").get("addonVersions")).put("coredns", "latest"),
                        "agent-platform:cluster.addonVersions.coredns", "exact EKS add-on version"),
                Arguments.of("image tagged latest", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "agent").put("image", "ghcr.io/agent-platform/agent:latest"),
                        "agent-platform:agent.image", "'latest' is not a pin"),
                Arguments.of("malformed backup window", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "database").put("backupWindow", "2am-3am"),
                        "agent-platform:database.backupWindow", "daily UTC window hh:mm-hh:mm"),
                Arguments.of("malformed cache maintenance window", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "cache").put("maintenanceWindow", "sunday"),
                        "agent-platform:cache.maintenanceWindow", "weekly UTC window ddd:hh:mm-ddd:hh:mm"),
                Arguments.of("agent replicas outside the autoscaler bounds", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "agent").put("replicas", 7),
                        "agent-platform:agent.replicas", "within [minReplicas, maxReplicas] = [1, 3]"),
                Arguments.of("model endpoint without a model name", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "agent").put("llmApiUrl", "https://api.example.com/v1"),
                        "agent-platform:agent.llmModel", "required when llmApiUrl is set"),
                Arguments.of("shutdown grace beyond the allowed range", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "agent").put("shutdownGraceSeconds", 0),
                        "agent-platform:agent.shutdownGraceSeconds", "must be from 1 to 300"),
                Arguments.of("protect that is not a boolean", "production",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "network").put("protect", "yes"),
                        "agent-platform:network.protect", "must be true or false"),
                Arguments.of("cluster protect that is not a boolean", "production",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "cluster").put("protect", 1),
                        "agent-platform:cluster.protect", "must be true or false"),
                Arguments.of("ephemeral stack without a platform stack", "pr",
                        (Consumer<Map<String, JsonNode>>) r -> r.remove("agent-platform:platformStack"),
                        "agent-platform:platformStack", "deploys onto a platform stack's cluster"),
                Arguments.of("ephemeral stack without an expiry", "pr",
                        (Consumer<Map<String, JsonNode>>) r -> r.remove("agent-platform:expiresAt"),
                        "agent-platform:expiresAt", "carry an expiry"),
                Arguments.of("malformed expiry", "pr",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:expiresAt", TextNode.valueOf("next friday")),
                        "agent-platform:expiresAt", "RFC 3339 timestamp"),
                Arguments.of("ephemeral stack asking for AWS infrastructure", "pr",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:database", new ObjectMapper().createObjectNode().put("multiAz", true)),
                        "agent-platform:database", "only platform stacks (dev, staging, production) build AWS infrastructure"),
                Arguments.of("platform stack with an ephemeral-only setting", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:platformStack", TextNode.valueOf("acme/agent-platform/dev")),
                        "agent-platform:platformStack", "only ephemeral and local stacks use it"),
                Arguments.of("alert receivers on an ephemeral stack, which has no Alertmanager", "pr",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:alerting",
                                new ObjectMapper().createObjectNode().put("slackChannel", "#alerts")),
                        "agent-platform:alerting", "this stack deploys no Alertmanager"),
                Arguments.of("alert receivers on a local stack without monitoring", "local",
                        (Consumer<Map<String, JsonNode>>) r -> {
                            section(r, "monitoring").put("enabled", false);
                            r.put("agent-platform:alerting", new ObjectMapper().createObjectNode().put("pagerduty", true));
                        },
                        "agent-platform:alerting", "no alert would reach these receivers"),
                Arguments.of("monitoring settings on an ephemeral stack", "pr",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:monitoring",
                                new ObjectMapper().createObjectNode().put("lokiRetentionDays", 3)),
                        "agent-platform:monitoring", "an ephemeral stack deploys no monitoring"),
                Arguments.of("in-cluster PostgreSQL image tagged latest", "local",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:inClusterData",
                                new ObjectMapper().createObjectNode().put("postgresImage", "postgres:latest")),
                        "agent-platform:inClusterData.postgresImage", "'latest' is not a pin"),
                Arguments.of("database log retention CloudWatch does not offer", "production",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "database").put("logRetentionDays", 100),
                        "agent-platform:database.logRetentionDays", "CloudWatch Logs accepts"),
                Arguments.of("mistyped setting", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "database").put("multiAZ", true),
                        "agent-platform:database.multiAZ", "known settings:"),
                Arguments.of("monitoring turned off on a platform stack", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "monitoring").put("enabled", false),
                        "agent-platform:monitoring.enabled", "only local stacks may run without monitoring"),
                Arguments.of("secret written in plain text", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:redisAuthToken", TextNode.valueOf("a-token-in-plain-text")),
                        "agent-platform:redisAuthToken", "must be stored encrypted: pulumi config set --secret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInputs")
    void brokenInputIsRejectedWithSettingValueAndWhatIsAllowed(String why, String stack, Consumer<Map<String, JsonNode>> breakIt,
                                                               String setting, String expectedText) {
        InvalidConfigException e = broken(stack, breakIt);
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals(setting) && p.message().contains(expectedText)),
                () -> "expected a problem for " + setting + " mentioning \"" + expectedText + "\" but got:\n" + e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidConfigException e = broken("dev", r -> {
            section(r, "network").put("vpcCidr", "not-a-cidr");
            ((ObjectNode) section(r, "nodeGroups").get("system")).put("minSize", 9);
            section(r, "database").put("backupRetentionDays", -1);
        });
        List<String> settings = e.problems().stream().map(ConfigProblem::setting).toList();
        assertTrue(settings.containsAll(List.of("agent-platform:network.vpcCidr", "agent-platform:nodeGroups.system.minSize",
                "agent-platform:database.backupRetentionDays")), settings::toString);
    }

    @Test
    void underThePulumiCliAMissingRequiredSecretIsNamedWithTheCommandToSetIt() {
        Map<String, String> asCliSendsIt = new LinkedHashMap<>();
        stack("dev").forEach((k, v) -> asCliSendsIt.put(k, v.isTextual() ? v.asText() : v.toString()));
        String configJson = JSON.valueToTree(asCliSendsIt).toString();
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> PulumiConfigSource.load("agent-platform", "dev", configJson, "[]"));
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals("agent-platform:redisAuthToken")
                && p.message().contains("pulumi config set --secret agent-platform:redisAuthToken <value> --stack dev")), e::getMessage);
    }

    /** The local stack as the CLI sends it, with the Valkey and Grafana secrets set but not PostgreSQL's. */
    private static Map<String, String> localWithServiceSecrets() {
        Map<String, String> asCliSendsIt = new LinkedHashMap<>();
        stack("local").forEach((k, v) -> asCliSendsIt.put(k, v.isTextual() ? v.asText() : v.toString()));
        asCliSendsIt.put("agent-platform:redisAuthToken", "0123456789abcdef-redis");
        asCliSendsIt.put("agent-platform:grafanaAdminPassword", "a-long-grafana-password");
        return asCliSendsIt;
    }

    @Test
    void underThePulumiCliAnInClusterStackWithoutItsPostgresPasswordIsRefused() {
        Map<String, String> asCliSendsIt = localWithServiceSecrets();
        String secretKeys = "[\"agent-platform:redisAuthToken\",\"agent-platform:grafanaAdminPassword\"]";
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> PulumiConfigSource.load(
                "agent-platform", "local", JSON.valueToTree(asCliSendsIt).toString(), secretKeys));
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals("agent-platform:databasePassword")
                && p.message().contains("pulumi config set --secret agent-platform:databasePassword")), e::getMessage);
    }

    @Test
    void anInClusterStackCarriesItsPostgresPasswordWithItsTarget() {
        Map<String, String> asCliSendsIt = localWithServiceSecrets();
        asCliSendsIt.put("agent-platform:databasePassword", "a-long-postgres-password");
        String secretKeys = "[\"agent-platform:redisAuthToken\",\"agent-platform:grafanaAdminPassword\","
                + "\"agent-platform:databasePassword\"]";
        PlatformConfig config = PulumiConfigSource.load("agent-platform", "local", JSON.valueToTree(asCliSendsIt).toString(),
                secretKeys);
        SecretValue password = config.requireTarget().databasePassword();
        assertEquals("databasePassword", password.name());
        assertTrue(!password.isPlaceholder() && !config.toString().contains("a-long-postgres-password"));
    }

    @Test
    void underThePulumiCliSecretsSetWithSecretAreAcceptedAndNeverPrinted() {
        Map<String, String> asCliSendsIt = new LinkedHashMap<>();
        withOwnValues(stack("dev")).forEach((k, v) -> asCliSendsIt.put(k, v.isTextual() ? v.asText() : v.toString()));
        asCliSendsIt.put("agent-platform:redisAuthToken", "0123456789abcdef-redis");
        asCliSendsIt.put("agent-platform:grafanaAdminPassword", "a-long-grafana-password");
        asCliSendsIt.put("agent-platform:slackWebhookUrl", "https://hooks.slack.example/T000/B000/XXXX");
        String secretKeys = "[\"agent-platform:redisAuthToken\",\"agent-platform:grafanaAdminPassword\",\"agent-platform:slackWebhookUrl\"]";
        PlatformConfig config = PulumiConfigSource.load("agent-platform", "dev", JSON.valueToTree(asCliSendsIt).toString(), secretKeys);
        assertEquals(EnvironmentKind.DEV, config.environment());
        assertEquals("redisAuthToken", config.secrets().redisAuthToken().name());
        assertTrue(!config.toString().contains("0123456789abcdef-redis") && !config.toString().contains("a-long-grafana-password"),
                "secrets must not appear in the config's text form");
    }

    @Test
    void aRedisTokenTooShortIsRejectedWithoutShowingIt() {
        Map<String, String> asCliSendsIt = new LinkedHashMap<>();
        stack("dev").forEach((k, v) -> asCliSendsIt.put(k, v.isTextual() ? v.asText() : v.toString()));
        asCliSendsIt.put("agent-platform:redisAuthToken", "short");
        asCliSendsIt.put("agent-platform:grafanaAdminPassword", "a-long-grafana-password");
        asCliSendsIt.put("agent-platform:slackWebhookUrl", "https://hooks.slack.example/T000/B000/XXXX");
        String secretKeys = "[\"agent-platform:redisAuthToken\",\"agent-platform:grafanaAdminPassword\",\"agent-platform:slackWebhookUrl\"]";
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> PulumiConfigSource.load("agent-platform", "dev", JSON.valueToTree(asCliSendsIt).toString(), secretKeys));
        assertTrue(e.getMessage().contains("agent-platform:redisAuthToken = (secret, 5 characters)"), e::getMessage);
        assertTrue(!e.getMessage().contains("short"), "the message must not reveal the secret");
    }
}

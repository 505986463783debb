package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentplatform.StackPlans;
import io.agentplatform.TestStacks;
import io.agentplatform.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed stacks checked against the dated AWS catalog on an explicit plan date: what AWS no longer offers is
 * refused with the setting, the value and what is allowed, every problem at once.
 */
class CatalogValidationTest {
    static final LocalDate DAY = StackPlans.PLAN_DATE;

    static PlatformConfig bind(String stack, LocalDate on, Consumer<Map<String, JsonNode>> change) {
        Map<String, JsonNode> raw = BrokenConfigTest.stack(stack);
        change.accept(raw);
        return ConfigBinder.bind("agent-platform", stack, raw, Set.of(), ConfigBinder.SecretMode.PLACEHOLDER, on);
    }

    static InvalidConfigException refused(String stack, LocalDate on, Consumer<Map<String, JsonNode>> change) {
        return assertThrows(InvalidConfigException.class, () -> bind(stack, on, change));
    }

    static ObjectNode cluster(Map<String, JsonNode> raw) {
        return BrokenConfigTest.section(raw, "cluster");
    }

    static ObjectNode database(Map<String, JsonNode> raw) {
        return BrokenConfigTest.section(raw, "database");
    }

    /** Add-on versions the catalog lists for Kubernetes 1.33. */
    static final Map<String, String> ADDONS_133 = Map.of("vpc-cni", "v1.20.1-eksbuild.3", "coredns", "v1.12.1-eksbuild.2",
            "kube-proxy", "v1.33.0-eksbuild.2", "aws-ebs-csi-driver", "v1.45.0-eksbuild.2");

    /** Kubernetes 1.33 with the add-on versions the catalog lists for it. */
    static void on133(Map<String, JsonNode> raw) {
        cluster(raw).put("kubernetesVersion", "1.33");
        ObjectNode addons = cluster(raw).putObject("addonVersions");
        new java.util.TreeMap<>(ADDONS_133).forEach(addons::put);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("EKS version past standard support", "staging", DAY,
                        (Consumer<Map<String, JsonNode>>) CatalogValidationTest::on133,
                        "agent-platform:cluster.kubernetesVersion = '1.33'", "left EKS standard support on 2026-07-29"),
                Arguments.of("EKS 1.35 on the day its standard support ends", "dev", LocalDate.of(2027, 3, 27),
                        (Consumer<Map<String, JsonNode>>) r -> { },
                        "agent-platform:cluster.kubernetesVersion = '1.35'", "cluster.allowExtendedSupport: true"),
                Arguments.of("extended support allowed but over too", "dev", LocalDate.of(2027, 7, 29),
                        (Consumer<Map<String, JsonNode>>) r -> { on133(r); cluster(r).put("allowExtendedSupport", true); },
                        "agent-platform:cluster.kubernetesVersion = '1.33'", "left EKS extended support on 2027-07-29"),
                Arguments.of("EKS version the catalog does not know", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> cluster(r).put("kubernetesVersion", "1.29"),
                        "agent-platform:cluster.kubernetesVersion = '1.29'", "[1.32, 1.33, 1.34, 1.35]"),
                Arguments.of("add-on version of another Kubernetes version", "production", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) cluster(r).get("addonVersions")).put("kube-proxy", "v1.33.0-eksbuild.2"),
                        "agent-platform:cluster.addonVersions.kube-proxy = 'v1.33.0-eksbuild.2'",
                        "not a version the catalog lists for Kubernetes 1.35: [v1.35.0-eksbuild.2]"),
                Arguments.of("database minor RDS no longer creates", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> database(r).put("engineVersion", "16.6"),
                        "agent-platform:database.engineVersion = '16.6'", "RDS no longer creates instances on 16.6 (since 2026-05-01)"),
                Arguments.of("17.4 too", "staging", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> database(r).put("engineVersion", "17.4").put("autoMinorVersionUpgrade", false),
                        "agent-platform:database.engineVersion = '17.4'", "pin the major ('17') or one of [17.7]"),
                Arguments.of("a minor pin that automatic minor upgrades would fight", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> database(r).put("engineVersion", "16.11"),
                        "agent-platform:database.engineVersion = '16.11'", "the next pulumi up would try to go back"),
                Arguments.of("a major pin without automatic minor upgrades", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> database(r).put("autoMinorVersionUpgrade", false),
                        "agent-platform:database.autoMinorVersionUpgrade = false", "needs autoMinorVersionUpgrade: true"),
                Arguments.of("a minor the catalog does not list", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> database(r).put("engineVersion", "16.99").put("autoMinorVersionUpgrade", false),
                        "agent-platform:database.engineVersion = '16.99'", "is not a PostgreSQL version the catalog lists"),
                Arguments.of("Valkey version ElastiCache does not offer", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> BrokenConfigTest.section(r, "cache").put("engineVersion", "7.9"),
                        "agent-platform:cache.engineVersion = '7.9'", "[7.2, 8.0, 8.1, 8.2, 9.0, 9.1]"),
                Arguments.of("RDS instance class outside the catalog", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> database(r).put("instanceClass", "db.x9.huge"),
                        "agent-platform:database.instanceClass = 'db.x9.huge'", "not an instance class the catalog allows"),
                Arguments.of("cache node type outside the catalog", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> BrokenConfigTest.section(r, "cache").put("nodeType", "cache.x9.huge"),
                        "agent-platform:cache.nodeType = 'cache.x9.huge'", "cache.t4g.micro"),
                Arguments.of("node instance type outside the catalog", "dev", DAY,
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) BrokenConfigTest.section(r, "nodeGroups").get("system"))
                                .putArray("instanceTypes").add("x9.huge"),
                        "agent-platform:nodeGroups.system.instanceTypes[0] = 'x9.huge'", "m7i.large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void whatAwsNoLongerOffersIsRefusedNamingSettingValueAndWhatIsAllowed(String why, String stack, LocalDate on,
                                                                          Consumer<Map<String, JsonNode>> change,
                                                                          String settingAndValue, String allowed) {
        InvalidConfigException e = refused(stack, on, change);
        assertTrue(e.problems().stream().anyMatch(p -> p.message().startsWith(settingAndValue) && p.message().contains(allowed)),
                why + ": " + e.getMessage());
    }

    @Test
    void everyCatalogProblemIsReportedAtOnce() {
        InvalidConfigException e = refused("staging", DAY, r -> {
            on133(r);
            ((ObjectNode) cluster(r).get("addonVersions")).put("coredns", "v1.13.2-eksbuild.3");
            database(r).put("engineVersion", "16.6");
        });
        List<String> settings = e.problems().stream().map(ConfigProblem::setting).toList();
        assertTrue(settings.containsAll(List.of("agent-platform:cluster.kubernetesVersion",
                "agent-platform:cluster.addonVersions.coredns", "agent-platform:database.engineVersion")), e.getMessage());
    }

    @Test
    void theSameStackIsAcceptedBeforeTheDatesThatRefuseIt() {
        bind("dev", LocalDate.of(2026, 4, 30), r -> database(r).put("engineVersion", "16.6").put("autoMinorVersionUpgrade", false));
        bind("staging", LocalDate.of(2026, 7, 28), CatalogValidationTest::on133);
    }

    @Test
    void withinSixtyDaysOfTheEndOfStandardSupportThePlanWarns() {
        PlatformConfig config = bind("dev", DAY, r -> {
            cluster(r).put("kubernetesVersion", "1.34");
            ((ObjectNode) cluster(r).get("addonVersions")).put("coredns", "v1.12.4-eksbuild.1")
                    .put("kube-proxy", "v1.34.3-eksbuild.5");
        });
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("cluster.kubernetesVersion = '1.34' leaves EKS "
                + "standard support on 2026-12-02, within 60 days")), config.warnings().toString());
        PlatformConfig earlier = bind("dev", LocalDate.of(2026, 10, 2), r -> { });
        assertTrue(earlier.warnings().stream().noneMatch(w -> w.contains("kubernetesVersion")), earlier.warnings().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void committedStacksUseVersionsInStandardSupportWithNoWarningAndAStandardUpgradePolicy(String stack) {
        PlatformConfig config = StackPlans.config(stack);
        assertEquals("1.35", config.requireAws().cluster().kubernetesVersion());
        assertTrue(config.warnings().stream().noneMatch(w -> w.contains("support")), config.warnings().toString());
        assertEquals("STANDARD", StackPlans.of(stack).ofType("aws:eks/cluster:Cluster").get(0)
                .input("upgradePolicy.supportType").asText());
        assertEquals("16", config.requireAws().database().engineVersion(), "pinned by major, RDS keeps the minor current");
        assertEquals(DAY.toString(), StackPlans.of(stack).toJson().path("planDate").asText());
    }

    @Test
    void allowedExtendedSupportSetsTheUpgradePolicyAndTheEstimatePricesIt() {
        Plan plan = TestStacks.of("staging").with("cluster.kubernetesVersion", "1.33")
                .with("cluster.addonVersions", ADDONS_133)
                .with("cluster.allowExtendedSupport", true).plan();
        assertEquals("EXTENDED", plan.ofType("aws:eks/cluster:Cluster").get(0).input("upgradePolicy.supportType").asText());
        Map<String, Double> categories = plan.estimate().byCategory();
        assertEquals(0.60 * 730, categories.get("EKS control plane (extended support)"), 0.01, categories.toString());
        assertEquals(null, categories.get("EKS control plane"));
        assertEquals(0.10 * 730, StackPlans.staging().estimate().byCategory().get("EKS control plane"), 0.01);
    }

    @Test
    void thePlanDateComesFromTheEnvironmentVariableOrIsTodayAndABadOneIsNamed() {
        assertEquals(LocalDate.of(2027, 1, 15), PlanDate.parse("2027-01-15"));
        assertEquals(LocalDate.now(java.time.ZoneOffset.UTC), PlanDate.parse(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlanDate.parse("15.01.2027"));
        assertTrue(e.getMessage().contains("AGENT_PLATFORM_PLAN_DATE = '15.01.2027'") && e.getMessage().contains("YYYY-MM-DD"));
    }
}

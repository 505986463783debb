package io.agentplatform.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.agentplatform.config.BrokenConfigTest.broken;
import static io.agentplatform.config.BrokenConfigTest.section;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** cluster.ciAccess: how CI reaches the API is stated and checked, every problem at once. */
class CiAccessConfigTest {

    private static ObjectNode ci(java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> raw) {
        return (ObjectNode) section(raw, "cluster").get("ciAccess");
    }

    static void assertProblem(InvalidConfigException e, String setting, String text) {
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals(setting) && p.message().contains(text)),
                () -> "expected " + setting + " mentioning \"" + text + "\" in:\n" + e.getMessage());
    }

    @Test
    void aPlatformStackMustStateHowCiReachesItsCluster() {
        InvalidConfigException e = broken("staging", r -> section(r, "cluster").remove("ciAccess"));
        assertProblem(e, "agent-platform:cluster.ciAccess", "reach: vpcRunner");
    }

    @Test
    void theReachIsOneOfTheTwoWays() {
        InvalidConfigException e = broken("staging", r -> ci(r).put("reach", "vpn"));
        assertProblem(e, "agent-platform:cluster.ciAccess.reach", "vpcRunner");
        assertProblem(e, "agent-platform:cluster.ciAccess.reach", "publicEndpoint");
    }

    @Test
    void aRunnerInsideTheVpcNeedsItsRangeOrSecurityGroupAndValidOnes() {
        assertProblem(broken("staging", r -> ci(r).remove("runnerCidrs")),
                "agent-platform:cluster.ciAccess.runnerCidrs", "runnerCidrs or runnerSecurityGroupIds");
        InvalidConfigException e = broken("staging", r -> {
            ci(r).putArray("runnerCidrs").add("10.20.32.0/33");
            ci(r).putArray("runnerSecurityGroupIds").add("sg-nothex");
        });
        assertProblem(e, "agent-platform:cluster.ciAccess.runnerCidrs[0]", "'10.20.32.0/33'");
        assertProblem(e, "agent-platform:cluster.ciAccess.runnerSecurityGroupIds[0]", "sg-0123456789abcdef0");
    }

    @Test
    void thePublicEndpointPathNeedsTheEndpointAndEgressInsideItsAllowlist() {
        InvalidConfigException off = broken("dev", r -> {
            section(r, "cluster").put("endpointPublicAccess", false);
            section(r, "cluster").remove("publicAccessCidrs");
        });
        assertProblem(off, "agent-platform:cluster.ciAccess.reach", "needs endpointPublicAccess: true");
        InvalidConfigException outside = broken("dev", r -> ci(r).putArray("egressCidrs").add("52.16.0.0/24"));
        assertProblem(outside, "agent-platform:cluster.ciAccess.egressCidrs", "not inside cluster.publicAccessCidrs");
        assertProblem(broken("dev", r -> ci(r).remove("egressCidrs")),
                "agent-platform:cluster.ciAccess.egressCidrs", "hosted runners have no fixed addresses");
    }

    @Test
    void ciRolesAreRoleArnsAndNotAlsoAdmins() {
        InvalidConfigException e = broken("dev", r -> {
            ci(r).put("planRoleArn", "agent-platform-dev-plan");
            ci(r).put("driftRoleArn", section(r, "cluster").get("adminPrincipalArns").get(0).asText());
        });
        assertProblem(e, "agent-platform:cluster.ciAccess.planRoleArn", "must be an IAM role ARN");
        assertProblem(e, "agent-platform:cluster.ciAccess.driftRoleArn", "one access entry per principal");
    }

    @Test
    void everyCiAccessProblemIsReportedAtOnce() {
        InvalidConfigException e = broken("dev", r -> {
            ci(r).putArray("egressCidrs").add("not-a-cidr");
            ci(r).put("planRoleArn", "nope");
            ci(r).put("typo", "x");
        });
        List<String> settings = e.problems().stream().map(ConfigProblem::setting).toList();
        assertTrue(settings.containsAll(List.of("agent-platform:cluster.ciAccess.egressCidrs[0]",
                "agent-platform:cluster.ciAccess.planRoleArn", "agent-platform:cluster.ciAccess.typo")), settings::toString);
    }
}

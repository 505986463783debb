package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.bootstrap.IamPolicySimulator.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No environment's deploy role reaches another environment's IAM: the program puts each stack's roles and policies
 * under {@code /<project>/<stack>/} (its {@code Naming.iamPath()}), and each deploy role manages and passes only
 * its own stack's path. Otherwise the dev deploy role could rewrite a production role's trust policy to trust itself,
 * attach or put policies on it, or pass it to EC2, and so act with production's permissions. Roles of stacks made
 * before the per-stack path (directly under {@code /<project>/}, named {@code <project>-<stack>-…}) stay reachable
 * to their own environment only, to be deleted by the upgrade (and an existing cluster's role, which EKS cannot
 * change, to be kept). IAM authorises these actions on the role or policy ARN (AWS Service Authorization
 * Reference, IAM, checked 2026-12-01).
 */
class CrossEnvironmentIamTest {

    private static final RenderedRolePolicies RENDERED = RenderedRolePolicies.get();
    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "production");
    /** What turns a role into someone else's: its trust policy, its permissions, its deletion. */
    private static final List<String> ROLE_ACTIONS = List.of("iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy",
            "iam:PutRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRolePolicy", "iam:DeleteRole", "iam:TagRole");
    private static final List<String> POLICY_ACTIONS = List.of("iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
            "iam:DeletePolicy");
    private static final List<String> PASSED_TO = List.of("ec2.amazonaws.com", "eks.amazonaws.com",
            "pods.eks.amazonaws.com", "backup.amazonaws.com");

    private static JsonNode deploy(String env) {
        return RENDERED.policy("agent-platform-" + env + "-deploy");
    }

    private static String role(String env, String name) {
        return iam("role/agent-platform/" + env + "/agent-platform-" + env + "-" + name);
    }

    private static String policy(String env, String name) {
        return iam("policy/agent-platform/" + env + "/agent-platform-" + env + "-" + name);
    }

    /** A role of a stack deployed before per-stack paths. */
    private static String formerRole(String env, String name) {
        return iam("role/agent-platform/agent-platform-" + env + "-" + name);
    }

    private static String iam(String resource) {
        return "arn:aws:iam::" + RecordingMocks.ACCOUNT + ":" + resource;
    }

    private static boolean allows(JsonNode policy, String action, String resource) {
        return IamPolicySimulator.allows(policy, new Request(action, resource, Map.of()));
    }

    private static boolean passes(JsonNode policy, String role, String service) {
        return IamPolicySimulator.allows(policy, new Request("iam:PassRole", role,
                Map.of("iam:PassedToService", service)));
    }

    @Test
    void theDevDeployRoleCannotRewriteAttachToPutOnOrPassAProductionRole() {
        JsonNode dev = deploy("dev");
        for (String target : List.of(role("production", "backup-backup-role-0a1b2c3"),
                role("production", "backup-velero-role-0a1b2c3"), formerRole("production", "backup-velero-role-0a1b2c3"))) {
            for (String action : ROLE_ACTIONS) {
                assertFalse(allows(dev, action, target), "dev may " + action + " " + target);
            }
            for (String service : PASSED_TO) {
                assertFalse(passes(dev, target, service), "dev may pass " + target + " to " + service);
            }
        }
        assertFalse(allows(dev, "iam:CreatePolicyVersion", policy("production", "karpenter-controller-policy-0a1b2c3")),
                "nor widen a production policy");
        assertFalse(allows(dev, "iam:CreateRole", role("production", "x-role-0a1b2c3")), "nor create in its path");
    }

    @Test
    void aDeployRoleManagesAndPassesItsOwnStacksRoles() {
        for (String env : ENVIRONMENTS) {
            JsonNode own = deploy(env);
            String target = role(env, "backup-velero-role-0a1b2c3");
            for (String action : concat(ROLE_ACTIONS, List.of("iam:CreateRole"))) {
                assertTrue(allows(own, action, target), env + " may not " + action + " its own " + target);
            }
            for (String action : concat(POLICY_ACTIONS, List.of("iam:CreatePolicy"))) {
                assertTrue(allows(own, action, policy(env, "agent-db-connect-policy-0a1b2c3")), env + " " + action);
            }
            for (String service : PASSED_TO) {
                assertTrue(passes(own, target, service), env + " may not pass its own role to " + service);
            }
        }
    }

    @Test
    void noDeployRoleReachesAnotherEnvironmentsRolesOrPolicies() {
        List<String> allowed = new ArrayList<>();
        for (String env : ENVIRONMENTS) {
            for (String other : ENVIRONMENTS) {
                if (other.equals(env)) {
                    continue;
                }
                List<String> targets = List.of(role(other, "eks-cluster-role-0a1b2c3"),
                        formerRole(other, "eks-cluster-role-0a1b2c3"),
                        iam("instance-profile/agent-platform/" + other + "/agent-platform-" + other + "-x"));
                for (String target : targets) {
                    for (String action : concat(ROLE_ACTIONS, List.of("iam:CreateRole", "iam:AddRoleToInstanceProfile"))) {
                        if (allows(deploy(env), action, target)) {
                            allowed.add(env + " " + action + " " + target);
                        }
                    }
                    for (String service : PASSED_TO) {
                        if (passes(deploy(env), target, service)) {
                            allowed.add(env + " passes " + target + " to " + service);
                        }
                    }
                }
                for (String action : concat(POLICY_ACTIONS, List.of("iam:CreatePolicy"))) {
                    for (String target : List.of(policy(other, "agent-db-connect-policy-0a1b2c3"),
                            iam("policy/agent-platform/agent-platform-" + other + "-agent-db-connect-policy-0a1b2c3"))) {
                        if (allows(deploy(env), action, target)) {
                            allowed.add(env + " " + action + " " + target);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), allowed, "cross-environment IAM escalation");
    }

    @Test
    void rolesMadeBeforePerStackPathsCanBeKeptAndDeletedByTheirOwnEnvironmentButNothingNewIsMadeThere() {
        JsonNode dev = deploy("dev");
        String former = formerRole("dev", "eks-cluster-role-0a1b2c3");
        for (String action : ROLE_ACTIONS) {
            assertTrue(allows(dev, action, former), "the upgrade must be able to " + action + " " + former);
        }
        assertTrue(allows(dev, "iam:DeletePolicy",
                iam("policy/agent-platform/agent-platform-dev-agent-db-connect-policy-0a1b2c3")));
        assertFalse(allows(dev, "iam:CreateRole", former), "new roles go under the stack's own path only");
        assertFalse(allows(dev, "iam:CreatePolicy", iam("policy/agent-platform/agent-platform-dev-x")));
        assertFalse(passes(dev, former, "ec2.amazonaws.com"), "a former role is never passed again");
        assertFalse(allows(dev, "iam:UpdateAssumeRolePolicy", iam("role/agent-platform/someone-elses-role")),
                "the project's path outside the stack's names");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.agentplatform.bootstrap.RenderedRolePolicies.COPY_REGION;
import static io.agentplatform.bootstrap.RenderedRolePolicies.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deploy role manages the KMS aliases and Secrets Manager secrets of its own stack only: the program names its
 * aliases {@code alias/<project>-<stack>-<component>…} (the offline plans on main: alias/agent-platform-dev-database,
 * alias/agent-platform-production-backup-copy in the copy region, …). The bootstrap's own aliases, above all the
 * state key's {@code alias/agent-platform-pulumi-state} that every stack's secrets provider resolves, are out of
 * every role's reach. KMS authorises an alias operation on the alias and on each key it names (AWS KMS developer
 * guide, "Controlling access to aliases", checked 2026-12-01), so each request below is checked on all of them.
 */
class KmsAliasAndSecretScopeTest {

    private static final RenderedRolePolicies RENDERED = RenderedRolePolicies.get();
    private static final List<String> ALIAS_ACTIONS = List.of("kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias");
    private static final String DEV_KEY = key("1111aaaa-dev-database");
    private static final String OTHER_DEV_KEY = key("2222bbbb-dev-database");
    private static final String PRODUCTION_KEY = key("3333cccc-production-database");

    private static String key(String id) {
        return "arn:aws:kms:" + REGION + ":" + RecordingMocks.ACCOUNT + ":key/" + id;
    }

    private static String alias(String region, String name) {
        return "arn:aws:kms:" + region + ":" + RecordingMocks.ACCOUNT + ":alias/" + name;
    }

    private static String aliasName(String aliasArn) {
        return aliasArn.substring(aliasArn.indexOf(":alias/") + 1);
    }

    private static JsonNode deploy(String env) {
        return RENDERED.policy("agent-platform-" + env + "-deploy");
    }

    /** CreateAlias and DeleteAlias name the alias and its key; UpdateAlias also the key it now points to. */
    private static boolean may(JsonNode policy, String action, String aliasArn, String key, String newKey,
                               String region) {
        List<String> resources = action.equals("kms:UpdateAlias") ? List.of(aliasArn, key, newKey)
                : List.of(aliasArn, key);
        return IamPolicySimulator.allowsAll(policy, action, resources, Map.of("aws:RequestedRegion", region));
    }

    @Test
    void theDevDeployRoleManagesItsOwnStacksAliases() {
        for (String action : ALIAS_ACTIONS) {
            assertTrue(may(deploy("dev"), action, alias(REGION, "agent-platform-dev-database"), DEV_KEY, OTHER_DEV_KEY,
                    REGION), action);
        }
        for (String action : ALIAS_ACTIONS) {
            assertTrue(may(deploy("production"), action, alias(COPY_REGION, "agent-platform-production-backup-copy"),
                    PRODUCTION_KEY, PRODUCTION_KEY, COPY_REGION), "production's backup copy key lives in the copy region");
        }
        assertFalse(may(deploy("dev"), "kms:CreateAlias", alias("us-east-1", "agent-platform-dev-database"), DEV_KEY,
                DEV_KEY, "us-east-1"), "only in the allowed regions");
    }

    @Test
    void theDevDeployRoleCannotTouchProductionsOrStagingsAliases() {
        List<String> allowed = new ArrayList<>();
        for (String action : ALIAS_ACTIONS) {
            for (String region : List.of(REGION, COPY_REGION)) {
                for (String name : List.of("agent-platform-production-database", "agent-platform-production-backup-copy",
                        "agent-platform-staging-eks-secrets")) {
                    if (may(deploy("dev"), action, alias(region, name), PRODUCTION_KEY, DEV_KEY, region)) {
                        allowed.add(action + " " + name + " in " + region);
                    }
                }
            }
        }
        assertEquals(List.of(), allowed, "the dev deploy role may manage other environments' aliases");
        assertFalse(may(deploy("dev"), "kms:CreateAlias", alias(REGION, "someone-elses-key"), DEV_KEY, DEV_KEY, REGION));
    }

    @Test
    void noRoleMayRepointDeleteOrRecreateTheStateKeysAlias() {
        String stateKey = RENDERED.output("stateKmsKeyArn");
        String stateAlias = aliasName(RENDERED.output("pulumiSecretsProvider").replaceFirst("^awskms://", "")
                .replaceFirst("\\?.*$", ""));
        assertEquals("alias/agent-platform-pulumi-state", stateAlias, "the secrets provider every stack uses");
        List<String> allowed = new ArrayList<>();
        for (var role : RENDERED.all().entrySet()) {
            for (String action : ALIAS_ACTIONS) {
                for (String region : List.of(REGION, COPY_REGION)) {
                    String arn = "arn:aws:kms:" + region + ":" + RecordingMocks.ACCOUNT + ":" + stateAlias;
                    if (may(role.getValue(), action, arn, stateKey, DEV_KEY, region)) {
                        allowed.add(role.getKey() + " " + action + " in " + region);
                    }
                }
            }
        }
        assertEquals(List.of(), allowed, "roles that could repoint the state key's alias");
        assertEquals(3 * 3 + 2, RENDERED.all().size(), "plan, drift and deploy of three environments, image and preview");
    }

    @Test
    void noDeployRoleMayPointItsOwnAliasAtTheBootstrapsKeysNorRetireThem() {
        List<String> bootstrapKeys = List.of(RENDERED.output("stateKmsKeyArn"), RENDERED.output("ecrKmsKeyArn"));
        String own = alias(REGION, "agent-platform-dev-database");
        for (String key : bootstrapKeys) {
            assertFalse(may(deploy("dev"), "kms:UpdateAlias", own, DEV_KEY, key, REGION),
                    "the alias's own statement allows it; the bootstrap's key is denied: " + key);
            assertFalse(may(deploy("dev"), "kms:CreateAlias", own, key, key, REGION), key);
            for (String env : List.of("dev", "staging", "production")) {
                for (String action : List.of("kms:ScheduleKeyDeletion", "kms:PutKeyPolicy", "kms:CreateGrant")) {
                    assertFalse(IamPolicySimulator.allows(deploy(env), new IamPolicySimulator.Request(action, key,
                            Map.of("aws:RequestedRegion", REGION))), env + " may " + action + " " + key);
                }
            }
        }
        assertTrue(IamPolicySimulator.allows(deploy("dev"), new IamPolicySimulator.Request("kms:ScheduleKeyDeletion",
                DEV_KEY, Map.of("aws:RequestedRegion", REGION))), "its own stack's keys stay deletable");
        assertTrue(IamPolicySimulator.allows(deploy("dev"), new IamPolicySimulator.Request("kms:Decrypt",
                bootstrapKeys.get(0), Map.of("aws:RequestedRegion", REGION))), "it still decrypts the stack's secrets");
    }

    @Test
    void deployRolesReachOnlyTheirOwnStacksSecrets() {
        String secret = "arn:aws:secretsmanager:" + REGION + ":" + RecordingMocks.ACCOUNT + ":secret:%s-AbCdEf";
        JsonNode dev = deploy("dev");
        assertTrue(allows(dev, "secretsmanager:CreateSecret", secret.formatted("agent-platform-dev-agent-api")));
        assertFalse(allows(dev, "secretsmanager:GetSecretValue", secret.formatted("agent-platform-production-agent-api")));
        assertFalse(allows(dev, "secretsmanager:PutSecretValue", secret.formatted("agent-platform-pulumi-x")),
                "names of the bootstrap itself");
        assertTrue(allows(dev, "secretsmanager:DescribeSecret", secret.formatted("rds!db-0a1b2c3d")),
                "RDS names the master user secret it manages rds!<id>");
    }

    private static boolean allows(JsonNode policy, String action, String resource) {
        return IamPolicySimulator.allows(policy, new IamPolicySimulator.Request(action, resource,
                Map.of("aws:RequestedRegion", REGION)));
    }
}

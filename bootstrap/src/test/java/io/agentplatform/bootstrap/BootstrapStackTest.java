package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REPO = "acme/agent-platform";
    private static final String PROVIDER_ARN =
            "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com";
    private static final String ROLE = "aws:iam/role:Role";
    private static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

    private RecordingMocks mocks;

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    private TestResult run(Map<String, String> config) {
        BootstrapConfig c = BootstrapConfig.parse(config, Optional.of("eu-west-1"));
        mocks = new RecordingMocks();
        TestResult result = PulumiTest.withMocks(mocks)
                .withOptions(TestOptions.builder().projectName("agent-platform-bootstrap").stackName("bootstrap").build())
                .runTest(ctx -> BootstrapStack.define(ctx, c));
        assertTrue(result.errors().isEmpty(), () -> "errors: " + result.errors());
        assertTrue(result.exceptions().isEmpty(), () -> "exceptions: " + result.exceptions());
        return result;
    }

    private TestResult runS3() {
        return run(Map.of("githubRepository", REPO, "stateBackend", "s3"));
    }

    private static JsonNode json(Object value) {
        try {
            return JSON.readTree((String) value);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + value, e);
        }
    }

    private JsonNode trust(String roleName) {
        return json(mocks.one(ROLE, roleName).inputs().get("assumeRolePolicy"));
    }

    private JsonNode permissions(String roleName) {
        return json(mocks.one(ROLE_POLICY, roleName).inputs().get("policy"));
    }

    private static void assertTrustsOnly(JsonNode trust, String providerArn, String subject) {
        JsonNode statements = trust.get("Statement");
        assertEquals(1, statements.size(), trust::toString);
        JsonNode s = statements.get(0);
        assertEquals("Allow", s.get("Effect").asText());
        assertEquals("sts:AssumeRoleWithWebIdentity", s.get("Action").asText());
        assertEquals(providerArn, s.get("Principal").get("Federated").asText());
        JsonNode condition = s.get("Condition");
        assertEquals(List.of("StringEquals"), fieldNames(condition), "exact matches only, no StringLike wildcards");
        JsonNode eq = condition.get("StringEquals");
        assertEquals("sts.amazonaws.com", eq.get("token.actions.githubusercontent.com:aud").asText());
        assertEquals(subject, eq.get("token.actions.githubusercontent.com:sub").asText());
        assertFalse(subject.contains("*"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void createsTheGithubOidcProviderForTheStsAudience() {
        run(Map.of("githubRepository", REPO));
        var providers = mocks.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assertEquals(1, providers.size());
        assertEquals("https://token.actions.githubusercontent.com", providers.get(0).inputs().get("url"));
        assertEquals(List.of("sts.amazonaws.com"), providers.get(0).inputs().get("clientIdLists"));
    }

    @Test
    void reusesAnExistingOidcProvider() {
        String existing = "arn:aws:iam::999999999999:oidc-provider/token.actions.githubusercontent.com";
        run(Map.of("githubRepository", REPO, "createOidcProvider", "false", "existingOidcProviderArn", existing));
        assertTrue(mocks.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").isEmpty());
        assertTrustsOnly(trust("agent-platform-dev-deploy"), existing, "repo:" + REPO + ":environment:dev");
    }

    @Test
    void planRolesAreAssumableOnlyFromPullRequests() {
        run(Map.of("githubRepository", REPO));
        for (String env : List.of("dev", "staging", "production")) {
            assertTrustsOnly(trust("agent-platform-" + env + "-plan"), PROVIDER_ARN, "repo:" + REPO + ":pull_request");
        }
    }

    @Test
    void deployRolesAreAssumableOnlyFromTheirGithubEnvironment() {
        run(Map.of("githubRepository", REPO));
        for (String env : List.of("dev", "staging", "production")) {
            assertTrustsOnly(trust("agent-platform-" + env + "-deploy"), PROVIDER_ARN,
                    "repo:" + REPO + ":environment:" + env);
            assertEquals(BootstrapStack.DEPLOY_SESSION_SECONDS, ((Number) mocks.one(ROLE,
                    "agent-platform-" + env + "-deploy").inputs().get("maxSessionDuration")).intValue());
        }
    }

    @Test
    void driftImageAndPreviewRolesHaveTheirOwnSubjects() {
        run(Map.of("githubRepository", REPO, "defaultBranch", "trunk"));
        for (String env : List.of("dev", "staging", "production")) {
            assertTrustsOnly(trust("agent-platform-" + env + "-drift"), PROVIDER_ARN,
                    "repo:" + REPO + ":ref:refs/heads/trunk");
        }
        assertTrustsOnly(trust("agent-platform-image-publisher"), PROVIDER_ARN, "repo:" + REPO + ":ref:refs/heads/trunk");
        assertTrustsOnly(trust("agent-platform-preview-deploy"), PROVIDER_ARN, "repo:" + REPO + ":environment:preview");
    }

    @Test
    void ciRolesLiveOutsideTheWorkloadPathTheDeployRolesManage() {
        run(Map.of("githubRepository", REPO));
        var roles = mocks.ofType(ROLE);
        assertEquals(3 * 3 + 2, roles.size());
        for (var r : roles) {
            assertEquals("/agent-platform-ci/", r.inputs().get("path"), r.name());
        }
        JsonNode deploy = permissions("agent-platform-production-deploy");
        for (JsonNode s : deploy.get("Statement")) {
            boolean iamWrite = false;
            for (JsonNode a : s.get("Action")) {
                String action = a.asText();
                iamWrite |= action.startsWith("iam:") && !action.startsWith("iam:Get") && !action.startsWith("iam:List");
            }
            if (!iamWrite) {
                continue;
            }
            for (JsonNode res : s.get("Resource")) {
                String arn = res.asText();
                assertFalse(arn.contains("agent-platform-ci"), "deploy role may write IAM " + arn);
                assertFalse(arn.contains("token.actions.githubusercontent.com"), arn);
                if (!s.get("Sid").asText().equals("ServiceLinkedRoles")) {
                    assertTrue(arn.matches(".*:(role|instance-profile|policy)/agent-platform/production/\\*")
                                    || arn.matches(".*:(role|policy)/agent-platform/agent-platform-production-\\*")
                                    || arn.contains(":oidc-provider/oidc.eks."),
                            "IAM write outside production's own path and names: " + arn);
                } else {
                    assertNotNull(s.get("Condition").get("StringEquals").get("iam:AWSServiceName"));
                }
            }
        }
        JsonNode pass = statement(deploy, "PassWorkloadRolesToPlatformServices");
        assertTrue(pass.get("Condition").get("StringEquals").get("iam:PassedToService").toString().contains("eks.amazonaws.com"));
        assertTrue(pass.get("Condition").get("StringEquals").get("iam:PassedToService").toString().contains("backup.amazonaws.com"),
                "the platform's AWS Backup selection passes its role to AWS Backup");
        String regional = statement(deploy, "PlatformServicesInAllowedRegions").get("Action").toString();
        assertTrue(regional.contains("\"backup:*\"") && regional.contains("backup-storage:MountCapsule"), regional);
    }

    @Test
    void broadServiceAccessIsLimitedToTheAllowedRegions() {
        run(Map.of("githubRepository", REPO, "regions", "[\"eu-west-1\",\"eu-central-1\"]"));
        JsonNode s = statement(permissions("agent-platform-dev-deploy"), "PlatformServicesInAllowedRegions");
        assertEquals("[\"eu-west-1\",\"eu-central-1\"]",
                s.get("Condition").get("StringEquals").get("aws:RequestedRegion").toString());
    }

    @Test
    void readOnlyRolesCannotChangeAnything() {
        runS3();
        Pattern write = Pattern.compile(":(Create|Delete|Put|Update|Attach|Detach|Tag|Untag|Pass|Run|Modify|Start|Stop"
                + "|Reboot|Set|Add|Remove|Enable|Disable|Schedule|Encrypt|Generate|Upload|Initiate|Complete|\\*)");
        for (String role : List.of("agent-platform-dev-plan", "agent-platform-production-drift")) {
            for (JsonNode s : permissions(role).get("Statement")) {
                for (JsonNode a : s.get("Action")) {
                    if (write.matcher(a.asText()).find()) {
                        assertEquals("StateLocks", s.get("Sid").asText(), role + " may " + a.asText());
                        assertEquals("[\"arn:aws:s3:::agent-platform-pulumi-state-0123abcd/.pulumi/locks/*\"]",
                                s.get("Resource").toString());
                    }
                }
            }
            assertTrue(permissions(role).toString().contains("\"backup:Get*\""), role + " reads the backup plans it plans or refreshes");
        }
    }

    @Test
    void previewRoleWritesOnlyPrStacks() {
        runS3();
        JsonNode policy = permissions("agent-platform-preview-deploy");
        String bucket = "arn:aws:s3:::agent-platform-pulumi-state-0123abcd/";
        assertEquals("[\"" + bucket + ".pulumi/stacks/agent-platform/pr-*\",\"" + bucket
                        + ".pulumi/history/agent-platform/pr-*\",\"" + bucket + ".pulumi/backups/agent-platform/pr-*\",\""
                        + bucket + ".pulumi/locks/*\"]",
                statement(policy, "StateReadWritePreviewStacks").get("Resource").toString());
        assertTrue(statement(policy, "StateReadBase").get("Resource").toString()
                .contains(".pulumi/stacks/agent-platform/dev.json*"));
        for (JsonNode s : policy.get("Statement")) {
            for (JsonNode a : s.get("Action")) {
                assertFalse(a.asText().startsWith("iam:") || a.asText().startsWith("ec2:"), a.asText());
            }
        }
    }

    @Test
    void inlinePoliciesFitTheIamSizeLimit() {
        runS3();
        for (var p : mocks.ofType(ROLE_POLICY)) {
            String doc = (String) p.inputs().get("policy");
            assertTrue(doc.length() < PolicyDocuments.INLINE_POLICY_LIMIT, p.name() + " is " + doc.length() + " chars");
        }
    }

    @Test
    void agentRepositoryHasImmutableTagsScanOnPushAndKmsEncryption() {
        run(Map.of("githubRepository", REPO));
        var repo = mocks.one("aws:ecr/repository:Repository", "agent").inputs();
        assertEquals("agent-platform/agent", repo.get("name"));
        assertEquals("IMMUTABLE", repo.get("imageTagMutability"));
        assertEquals(Map.of("scanOnPush", true), repo.get("imageScanningConfiguration"));
        assertEquals(List.of(Map.of("encryptionType", "KMS",
                        "kmsKey", "arn:aws:kms:eu-west-1:123456789012:key/key-ecr")),
                repo.get("encryptionConfigurations"));
        assertEquals(false, repo.get("forceDelete"));
        var key = mocks.one("aws:kms/key:Key", "ecr").inputs();
        assertEquals(true, key.get("enableKeyRotation"));

        JsonNode lifecycle = json(mocks.one("aws:ecr/lifecyclePolicy:LifecyclePolicy", "agent").inputs().get("policy"));
        JsonNode rules = lifecycle.get("rules");
        assertEquals(3, rules.size());
        assertEquals("[\"pr-\"]", rules.get(0).get("selection").get("tagPrefixList").toString());
        assertEquals("untagged", rules.get(1).get("selection").get("tagStatus").asText());
        assertEquals("any", rules.get(2).get("selection").get("tagStatus").asText(), "the 'any' rule must come last");
    }

    @Test
    void s3BackendIsVersionedKmsEncryptedPrivateAndTlsOnly() {
        TestResult result = runS3();
        String keyArn = "arn:aws:kms:eu-west-1:123456789012:key/key-pulumi-state";
        var sse = mocks.one("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "pulumi-state").inputs();
        assertEquals(List.of(Map.of("applyServerSideEncryptionByDefault",
                        Map.of("sseAlgorithm", "aws:kms", "kmsMasterKeyId", keyArn), "bucketKeyEnabled", true)),
                sse.get("rules"));
        var versioning = mocks.one("aws:s3/bucketVersioningV2:BucketVersioningV2", "pulumi-state").inputs();
        assertEquals(Map.of("status", "Enabled"), versioning.get("versioningConfiguration"));
        var pab = mocks.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "pulumi-state").inputs();
        for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertEquals(true, pab.get(flag), flag);
        }
        JsonNode policy = json(mocks.one("aws:s3/bucketPolicy:BucketPolicy", "pulumi-state").inputs().get("policy"));
        JsonNode deny = policy.get("Statement").get(0);
        assertEquals("Deny", deny.get("Effect").asText());
        assertEquals("false", deny.get("Condition").get("Bool").get("aws:SecureTransport").asText());
        assertTrue(deny.get("Resource").toString().contains("agent-platform-pulumi-state-0123abcd/*"));

        assertEquals("s3://agent-platform-pulumi-state-0123abcd?region=eu-west-1",
                PulumiTest.extractValue(result.output("pulumiBackendUrl")));
        assertEquals("awskms://alias/agent-platform-pulumi-state?region=eu-west-1",
                PulumiTest.extractValue(result.output("pulumiSecretsProvider")));
        assertEquals(keyArn, PulumiTest.extractValue(result.output("stateKmsKeyArn")));
        assertTrue(permissions("agent-platform-staging-deploy").toString().contains(keyArn));
    }

    @Test
    void pulumiCloudBackendCreatesNoStateResources() {
        TestResult result = run(Map.of("githubRepository", REPO));
        assertTrue(mocks.ofType("aws:s3/bucketV2:BucketV2").isEmpty());
        assertEquals(1, mocks.ofType("aws:kms/key:Key").size(), "only the ECR key");
        assertFalse(result.outputs().containsKey("stateBucketName"));
        assertFalse(result.outputs().containsKey("pulumiBackendUrl"));
        for (JsonNode s : permissions("agent-platform-dev-deploy").get("Statement")) {
            if (s.get("Action").toString().contains("\"s3:")) {
                for (JsonNode res : s.get("Resource")) {
                    assertTrue(res.asText().startsWith("arn:aws:s3:::agent-platform-dev-"),
                            "with no state bucket, S3 is granted only on the stack's own buckets: " + s);
                }
            }
        }
    }

    @Test
    void deployRolesManageOnlyTheBucketsQueuesAndRulesOfTheirOwnStack() {
        runS3();
        JsonNode dev = permissions("agent-platform-dev-deploy");
        String lokiBucket = "arn:aws:s3:::agent-platform-dev-monitoring-loki-chunks-0a1b2c3";
        assertTrue(allows(dev, "s3:CreateBucket", lokiBucket, "eu-west-1"));
        assertFalse(allows(dev, "s3:CreateBucket", lokiBucket, "us-east-1"), "only in the allowed regions");
        assertFalse(allows(dev, "s3:DeleteBucket", "arn:aws:s3:::agent-platform-production-velero-bucket-0a1b2c3",
                "eu-west-1"), "another environment's backups");
        assertFalse(allows(dev, "s3:CreateBucket", "arn:aws:s3:::someone-elses-bucket", "eu-west-1"));
        assertTrue(allows(dev, "s3:DeleteObjectVersion", lokiBucket + "/chunk", "eu-west-1"), "forceDestroy empties it");
        assertFalse(allows(dev, "s3:GetObject", lokiBucket + "/chunk", "eu-west-1"), "never reads logs or backups");
        assertFalse(allows(dev, "s3:PutObject", lokiBucket + "/chunk", "eu-west-1"));
        String queue = "arn:aws:sqs:eu-west-1:123456789012:agent-platform-%s-karpenter-interruptions-0a1b2c3";
        assertTrue(allows(dev, "sqs:SetQueueAttributes", queue.formatted("dev"), "eu-west-1"));
        assertFalse(allows(dev, "sqs:DeleteQueue", queue.formatted("staging"), "eu-west-1"));
        assertFalse(allows(dev, "sqs:ReceiveMessage", queue.formatted("dev"), "eu-west-1"), "Karpenter reads it, not CI");
        String rule = "arn:aws:events:eu-west-1:123456789012:rule/agent-platform-%s-karpenter-rebalance-0a1b2c3";
        assertTrue(allows(dev, "events:PutTargets", rule.formatted("dev"), "eu-west-1"));
        assertFalse(allows(dev, "events:PutTargets", rule.formatted("production"), "eu-west-1"));
        assertFalse(allows(dev, "events:PutRule", "arn:aws:events:eu-west-1:123456789012:rule/other", "eu-west-1"));
    }

    @Test
    void thePlatformProjectNamesTheRolesAliasesAndTheScopeOfEveryDeployRole() {
        run(Map.of("githubRepository", REPO, "stateBackend", "s3", "namePrefix", "acme-platform"));
        assertEquals("alias/acme-platform-pulumi-state", mocks.one("aws:kms/alias:Alias", "pulumi-state").inputs().get("name"));
        assertEquals("alias/acme-platform-ecr", mocks.one("aws:kms/alias:Alias", "ecr").inputs().get("name"));
        JsonNode dev = permissions("acme-platform-dev-deploy");
        assertTrue(allows(dev, "kms:CreateAlias", "arn:aws:kms:eu-west-1:123456789012:alias/acme-platform-dev-cache",
                "eu-west-1"));
        assertFalse(allows(dev, "kms:CreateAlias", "arn:aws:kms:eu-west-1:123456789012:alias/agent-platform-dev-cache",
                "eu-west-1"), "the former namePrefix and the project no longer name different things");
        assertTrue(allows(dev, "s3:CreateBucket", "arn:aws:s3:::acme-platform-dev-monitoring-loki-0a1b2c3", "eu-west-1"));
        assertTrue(allows(dev, "iam:CreateRole", "arn:aws:iam::123456789012:role/acme-platform/dev/acme-platform-dev-x",
                "eu-west-1"), "the stack's own IAM path, /<project>/<stack>/");
        assertFalse(allows(dev, "iam:CreateRole", "arn:aws:iam::123456789012:role/agent-platform/dev/agent-platform-dev-x",
                "eu-west-1"));
    }

    @Test
    void noRoleMayReconfigureDeleteOrRewriteTheHistoryOfTheStateBucket() {
        runS3();
        String bucket = "arn:aws:s3:::agent-platform-pulumi-state-0123abcd";
        for (var p : mocks.ofType(ROLE_POLICY)) {
            JsonNode policy = json(p.inputs().get("policy"));
            for (String action : List.of("s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy",
                    "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration",
                    "s3:PutBucketPublicAccessBlock", "s3:PutBucketTagging", "s3:ListBucketVersions")) {
                assertFalse(allows(policy, action, bucket, "eu-west-1"), p.name() + " may " + action);
            }
            for (String action : List.of("s3:DeleteObjectVersion", "s3:PutObjectAcl")) {
                assertFalse(allows(policy, action, bucket + "/.pulumi/stacks/agent-platform/production.json", "eu-west-1"),
                        p.name() + " may " + action);
            }
        }
        assertTrue(allows(permissions("agent-platform-production-deploy"), "s3:PutObject",
                bucket + "/.pulumi/stacks/agent-platform/production.json", "eu-west-1"), "the deploy role writes state");
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputsNameEveryRoleAndTheRepositoryVariables() {
        TestResult result = runS3();
        Map<String, String> deploy = (Map<String, String>) PulumiTest.extractValue(result.output("deployRoleArns"));
        assertEquals(List.of("dev", "staging", "production"), new ArrayList<>(deploy.keySet()));
        assertEquals("arn:aws:iam::123456789012:role/agent-platform-ci/agent-platform-production-deploy",
                deploy.get("production"));
        Map<String, String> vars = (Map<String, String>) PulumiTest.extractValue(result.output("githubVariables"));
        for (String key : List.of("AWS_REGION", "AWS_PLAN_ROLE_ARN_DEV", "AWS_DRIFT_ROLE_ARN_STAGING",
                "AWS_DEPLOY_ROLE_ARN_PRODUCTION", "AWS_IMAGE_ROLE_ARN", "AWS_PREVIEW_ROLE_ARN", "ECR_REPOSITORY",
                "PULUMI_BACKEND_URL", "PULUMI_SECRETS_PROVIDER")) {
            assertTrue(vars.containsKey(key), key + " missing from " + vars.keySet());
        }
        assertEquals("arn:aws:iam::123456789012:role/agent-platform-ci/agent-platform-dev-plan",
                vars.get("AWS_PLAN_ROLE_ARN_DEV"));
        assertEquals("123456789012.dkr.ecr.eu-west-1.amazonaws.com/agent-platform/agent",
                PulumiTest.extractValue(result.output("ecrRepositoryUrl")));
    }

    private static boolean allows(JsonNode policy, String action, String resource, String region) {
        return IamPolicySimulator.allows(policy,
                new IamPolicySimulator.Request(action, resource, Map.of("aws:RequestedRegion", region)));
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode s : policy.get("Statement")) {
            if (s.get("Sid").asText().equals(sid)) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policy);
    }
}

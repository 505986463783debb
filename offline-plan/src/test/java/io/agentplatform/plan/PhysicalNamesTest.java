package io.agentplatform.plan;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.test.Mocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mock engine refuses the physical names the AWS provider and AWS refuse, the way the provider makes them. */
class PhysicalNamesTest {

    /** The limits issue 19 lists, with the input each type is named by (from the AWS API references). */
    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("aws:iam/role:Role", "name", 64),
                Arguments.of("aws:iam/policy:Policy", "name", 128),
                Arguments.of("aws:iam/rolePolicy:RolePolicy", "name", 128),
                Arguments.of("aws:iam/instanceProfile:InstanceProfile", "name", 128),
                Arguments.of("aws:eks/cluster:Cluster", "name", 100),
                Arguments.of("aws:eks/nodeGroup:NodeGroup", "nodeGroupName", 63),
                Arguments.of("aws:ec2/launchTemplate:LaunchTemplate", "name", 128),
                Arguments.of("aws:ec2/securityGroup:SecurityGroup", "name", 255),
                Arguments.of("aws:rds/instance:Instance", "identifier", 63),
                Arguments.of("aws:rds/parameterGroup:ParameterGroup", "name", 255),
                Arguments.of("aws:rds/subnetGroup:SubnetGroup", "name", 255),
                Arguments.of("aws:elasticache/replicationGroup:ReplicationGroup", "replicationGroupId", 40),
                Arguments.of("aws:elasticache/subnetGroup:SubnetGroup", "name", 255),
                Arguments.of("aws:sqs/queue:Queue", "name", 80),
                Arguments.of("aws:cloudwatch/eventRule:EventRule", "name", 64),
                Arguments.of("aws:backup/vault:Vault", "name", 50),
                Arguments.of("aws:lb/loadBalancer:LoadBalancer", "name", 32),
                Arguments.of("aws:lb/targetGroup:TargetGroup", "name", 32),
                Arguments.of("aws:s3/bucketV2:BucketV2", "bucket", 63),
                Arguments.of("aws:kms/alias:Alias", "name", 256),
                Arguments.of("aws:cloudwatch/logGroup:LogGroup", "name", 512));
    }

    private static String refusal(PlanMocks mocks, String type, String logical, Map<String, Object> inputs) {
        mocks.newResourceAsync(new Mocks.ResourceArgs(type, logical, inputs, null, null)).join();
        List<PhysicalNames.Refusal> refused = mocks.refusedNames();
        return refused.isEmpty() ? null : refused.get(0).message();
    }

    private static PlanMocks mocks() {
        return new PlanMocks(new MockCloud("eu-west-1", Map.of()));
    }

    /** A valid name of exactly {@code length} characters for the type (KMS aliases start with alias/). */
    private static String nameOf(String type, int length) {
        String head = type.equals("aws:kms/alias:Alias") ? "alias/" : "a";
        return head + "b".repeat(length - head.length());
    }

    @ParameterizedTest(name = "{0}: explicit {1} of {2} characters passes, one more is refused")
    @MethodSource("limits")
    void explicitNameOverTheLimitIsRefusedWithResourceNameAndLimit(String type, String input, int limit) {
        assertEquals(null, refusal(mocks(), type, "fits", Map.of(input, nameOf(type, limit))));
        String tooLong = nameOf(type, limit + 1);
        String message = refusal(mocks(), type, "too-long", Map.of(input, tooLong));
        assertTrue(message != null, type + " accepted a " + (limit + 1) + "-character name");
        assertTrue(message.contains("too-long") && message.contains(tooLong) && message.contains((limit + 1) + " characters")
                && message.contains("limit of " + limit), message);
    }

    @ParameterizedTest(name = "{0}: auto-naming adds 8 characters to the logical name")
    @MethodSource("limits")
    void autoNamedLogicalNameMustLeaveRoomForTheProvidersSuffix(String type, String input, int limit) {
        if (type.equals("aws:kms/alias:Alias")) {
            return; // the program always names aliases; an auto-named one would still need the alias/ prefix
        }
        assertEquals(null, refusal(mocks(), type, nameOf(type, limit - 8), Map.of()));
        String logical = nameOf(type, limit - 7);
        String message = refusal(mocks(), type, logical, Map.of());
        assertTrue(message != null && message.contains(logical + "-") && message.contains("auto-named")
                && message.contains((limit + 1) + " characters, over the limit of " + limit), String.valueOf(message));
    }

    @Test
    void namePrefixCountsTheProvidersTwentySixCharacterId() {
        assertEquals(null, refusal(mocks(), "aws:iam/role:Role", "r", Map.of("namePrefix", "p".repeat(38))));
        String message = refusal(mocks(), "aws:iam/role:Role", "r", Map.of("namePrefix", "p".repeat(39)));
        assertTrue(message != null && message.contains("namePrefix") && message.contains("65 characters"), message);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("aws:rds/instance:Instance", "identifier", "Agent-db", "lower-case"),
                Arguments.of("aws:rds/instance:Instance", "identifier", "1agent-db", "starts with a letter"),
                Arguments.of("aws:rds/instance:Instance", "identifier", "agent--db", "single hyphens"),
                Arguments.of("aws:rds/parameterGroup:ParameterGroup", "name", "agent-params-", "no trailing hyphen"),
                Arguments.of("aws:elasticache/replicationGroup:ReplicationGroup", "replicationGroupId", "Agent-cache", "lower-case"),
                Arguments.of("aws:s3/bucketV2:BucketV2", "bucket", "Agent-Logs", "lower-case"),
                Arguments.of("aws:s3/bucketV2:BucketV2", "bucket", "ab", "3-63"),
                Arguments.of("aws:iam/role:Role", "name", "agent role", "+=,.@_-"),
                Arguments.of("aws:ec2/securityGroup:SecurityGroup", "name", "sg-agent", "not starting with sg-"),
                Arguments.of("aws:lb/targetGroup:TargetGroup", "name", "agent-tg-", "no hyphen at either end"),
                Arguments.of("aws:kms/alias:Alias", "name", "alias/aws/agent", "not alias/aws/"),
                Arguments.of("aws:eks/nodeGroup:NodeGroup", "nodeGroupName", "-workers", "starts with a letter or digit"));
    }

    @ParameterizedTest(name = "{0} refuses {2}")
    @MethodSource("malformed")
    void namesAgainstTheCharacterRulesAreRefused(String type, String input, String name, String rule) {
        String message = refusal(mocks(), type, "malformed", Map.of(input, name));
        assertTrue(message != null && message.contains("'" + name + "'") && message.contains(rule), String.valueOf(message));
    }

    @ParameterizedTest(name = "{0}: path {1} is accepted")
    @MethodSource("iamPaths")
    void aPerStackIamPathIsAccepted(String type, String path) {
        assertEquals(null, refusal(mocks(), type, "r", Map.of("path", path)));
    }

    static Stream<Arguments> iamPaths() {
        return Stream.of("aws:iam/role:Role", "aws:iam/policy:Policy", "aws:iam/instanceProfile:InstanceProfile")
                .flatMap(type -> Stream.of(Arguments.of(type, "/"), Arguments.of(type, "/agent-platform/production/"),
                        Arguments.of(type, "/" + "p".repeat(510) + "/")));
    }

    static Stream<Arguments> malformedIamPaths() {
        return Stream.of(
                Arguments.of("aws:iam/role:Role", "agent-platform/dev/", "starting and ending with '/'"),
                Arguments.of("aws:iam/role:Role", "/agent-platform/dev", "starting and ending with '/'"),
                Arguments.of("aws:iam/role:Role", "/agent platform/dev/", "ASCII ! to DEL"),
                Arguments.of("aws:iam/role:Role", "/agent-platform/dév/", "ASCII ! to DEL"),
                Arguments.of("aws:iam/role:Role", "/" + "p".repeat(511) + "/", "over the limit of 512"),
                Arguments.of("aws:iam/instanceProfile:InstanceProfile", "/a//b", "starting and ending with '/'"),
                Arguments.of("aws:iam/policy:Policy", "/agent-platform/*/", "no *"));
    }

    @ParameterizedTest(name = "{0} refuses path {1}")
    @MethodSource("malformedIamPaths")
    void iamPathsAgainstTheIamPathRuleAreRefusedWithTheRule(String type, String path, String rule) {
        String message = refusal(mocks(), type, "bad-path", Map.of("name", "fits", "path", path));
        assertTrue(message != null && message.contains("bad-path: path '" + path + "'") && message.contains(rule)
                && message.contains("API_Create"), String.valueOf(message));
    }

    @Test
    void aPlanWithAnOverLongRoleFailsAndListsEveryRefusedName() {
        String first = "a".repeat(57);
        String second = "b".repeat(60);
        PlanRunner.PlanFailedException e = assertThrows(PlanRunner.PlanFailedException.class, () -> PlanRunner.run(
                new PlanTarget("agent-platform", "dev", "dev", Optional.of("eu-west-1"), List.of(), LocalDate.of(2026, 12, 1),
                        Optional.empty(), ctx -> {
                            new Role(first, RoleArgs.builder().assumeRolePolicy("{}").build());
                            new Role(second, RoleArgs.builder().assumeRolePolicy("{}").build());
                            new Role("fits", RoleArgs.builder().assumeRolePolicy("{}").build());
                        })));
        assertTrue(e.getMessage().contains("2 physical name(s)") && e.getMessage().contains(first + "-")
                && e.getMessage().contains(second + "-") && e.getMessage().contains("limit of 64"), e.getMessage());
    }
}

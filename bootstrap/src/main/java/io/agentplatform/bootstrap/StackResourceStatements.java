package io.agentplatform.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.stream.Stream;

import static io.agentplatform.bootstrap.PolicyDocuments.allow;
import static io.agentplatform.bootstrap.PolicyDocuments.withRegions;

/**
 * Statements for the platform resources whose ARNs carry the name the program gives them: S3 buckets (Loki chunks,
 * Velero backups), SQS queues and EventBridge rules (Karpenter's interruption queue and the rules feeding it), KMS
 * aliases and Secrets Manager secrets. The program names them {@code <project>-<stack>-<component>-…} (auto-naming
 * appends a random suffix; aliases are {@code alias/<project>-<stack>-<component>…}), so a role of one environment
 * reaches only that stack's resources ({@link BootstrapConfig#platformResourcePrefix}), never the state bucket, the
 * state key's alias nor another environment's, and only in the allowed regions.
 */
final class StackResourceStatements {

    /** What refresh and preview read of a bucket; HeadBucket is authorised as {@code s3:ListBucket}. */
    private static final List<String> BUCKET_READ = List.of("s3:ListBucket", "s3:GetBucket*",
            "s3:GetEncryptionConfiguration", "s3:GetLifecycleConfiguration", "s3:GetAccelerateConfiguration",
            "s3:GetReplicationConfiguration");
    /** Writes of BucketV2 and its configuration resources; their deletes are authorised as the Put actions. */
    private static final List<String> BUCKET_WRITE = List.of("s3:CreateBucket", "s3:DeleteBucket",
            "s3:PutBucketTagging", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketPublicAccessBlock",
            "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration",
            "s3:ListBucketVersions");
    private static final List<String> QUEUE_READ = List.of("sqs:GetQueueAttributes", "sqs:GetQueueUrl",
            "sqs:ListQueueTags");
    /** Queue and QueuePolicy (the policy is a queue attribute). */
    private static final List<String> QUEUE_WRITE = List.of("sqs:CreateQueue", "sqs:DeleteQueue",
            "sqs:SetQueueAttributes", "sqs:TagQueue", "sqs:UntagQueue");
    private static final List<String> RULE_READ = List.of("events:DescribeRule", "events:ListTargetsByRule",
            "events:ListTagsForResource");
    /** EventRule and EventTarget (targets are authorised on their rule). */
    private static final List<String> RULE_WRITE = List.of("events:PutRule", "events:DeleteRule",
            "events:EnableRule", "events:DisableRule", "events:PutTargets", "events:RemoveTargets",
            "events:TagResource", "events:UntagResource");

    private StackResourceStatements() {
    }

    /** Plan and drift roles: the configuration of the stack's buckets, queues and rules, none of their contents. */
    static List<ObjectNode> read(PolicyDocuments.Scope s, String environment) {
        Names n = new Names(s, environment);
        List<String> regions = s.config().regions();
        return List.of(
                withRegions(allow("ReadStackBuckets", BUCKET_READ, List.of(n.buckets())), regions),
                withRegions(allow("ReadStackQueues", QUEUE_READ, List.of(n.queues())), regions),
                withRegions(allow("ReadStackEventRules", RULE_READ, List.of(n.rules())), regions));
    }

    /** Deploy role: create, change and delete the stack's buckets, queues and rules. */
    static List<ObjectNode> manage(PolicyDocuments.Scope s, String environment) {
        Names n = new Names(s, environment);
        List<String> regions = s.config().regions();
        return List.of(
                withRegions(allow("StackBuckets", concat(BUCKET_READ, BUCKET_WRITE), List.of(n.buckets())), regions),
                // forceDestroy of a bucket that is not kept empties it first; nothing may read what they hold.
                withRegions(allow("EmptyStackBucketsOnDestroy", List.of("s3:DeleteObject", "s3:DeleteObjectVersion"),
                        List.of(n.buckets() + "/*")), regions),
                withRegions(allow("StackQueues", concat(QUEUE_READ, QUEUE_WRITE), List.of(n.queues())), regions),
                withRegions(allow("StackEventRules", concat(RULE_READ, RULE_WRITE), List.of(n.rules())), regions),
                // Each alias operation is authorised on the alias and on the key(s) it names; key IDs are AWS's.
                withRegions(allow("StackKmsAliases", List.of("kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"),
                        List.of(n.aliases(), s.arn("kms", "*", "key/*"))), regions),
                // RDS names the master user secret it manages rds!<id>, which carries no stack name.
                withRegions(allow("StackSecrets", List.of("secretsmanager:*"),
                        List.of(n.secrets(), s.arn("secretsmanager", "*", "secret:rds!*"))), regions));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    /** ARN patterns of one stack's named resources in any allowed region. */
    private record Names(PolicyDocuments.Scope scope, String environment) {
        String name() {
            return scope.config().platformResourcePrefix(environment) + "*";
        }

        String buckets() {
            return "arn:" + scope.partition() + ":s3:::" + name();
        }

        String queues() {
            return scope.arn("sqs", "*", name());
        }

        String rules() {
            return scope.arn("events", "*", "rule/" + name());
        }

        String aliases() {
            return scope.arn("kms", "*", "alias/" + name());
        }

        String secrets() {
            return scope.arn("secretsmanager", "*", "secret:" + name());
        }
    }
}

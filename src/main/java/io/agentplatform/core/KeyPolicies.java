package io.agentplatform.core;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/** KMS key policies the platform's customer-managed keys share. */
public final class KeyPolicies {
    private KeyPolicies() {}

    /**
     * The account administers the key (so IAM policies decide who uses it); CloudWatch Logs may use it only for
     * the named log group.
     */
    public static Output<String> forLogGroup(Output<String> accountId, Output<String> region, String logGroupName) {
        return Output.tuple(accountId, region).apply(t -> forLogGroup(t.t1, t.t2, logGroupName));
    }

    /**
     * Like {@link #forLogGroup}, for every log group whose name starts with the prefix (RDS names its groups
     * {@code /aws/rds/instance/<identifier>/<log>}).
     */
    public static Output<String> forLogGroupsUnder(Output<String> accountId, Output<String> region, String prefix) {
        return forLogGroup(accountId, region, prefix + "*");
    }

    private static Output<String> forLogGroup(String account, String region, String logGroupName) {
        return PolicyDocument.create()
                .allowPrincipal("arn:aws:iam::" + account + ":root", List.of("kms:*"), List.of("*"), Map.of())
                .allowService("logs." + region + ".amazonaws.com",
                        List.of("kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"),
                        List.of("*"),
                        Map.of(logGroupName.endsWith("*") ? "ArnLike" : "ArnEquals", Map.of("kms:EncryptionContext:aws:logs:arn",
                                "arn:aws:logs:" + region + ":" + account + ":log-group:" + logGroupName)))
                .toJson();
    }
}

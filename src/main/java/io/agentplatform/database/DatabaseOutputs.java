package io.agentplatform.database;

import com.pulumi.core.Output;

/**
 * What the workload needs to reach the database. No password: clients read it from the master secret.
 *
 * @param address         DNS name of the instance ({@code *.rds.amazonaws.com})
 * @param port            PostgreSQL port
 * @param databaseName    the application database
 * @param masterSecretArn Secrets Manager secret that RDS manages for the master user
 * @param securityGroupId security group of the instance
 * @param kmsKeyArn       customer-managed key encrypting storage, the master secret and Performance Insights
 * @param resourceId      the instance's {@code DbiResourceId}, which IAM database authentication ARNs name
 * @param arn             the instance's ARN, which the backup selection names
 */
public record DatabaseOutputs(
        Output<String> address,
        Output<Integer> port,
        String databaseName,
        Output<String> masterSecretArn,
        Output<String> securityGroupId,
        Output<String> kmsKeyArn,
        Output<String> resourceId,
        Output<String> arn) {
}

/**
 * The agent service on the cluster ({@link io.agentplatform.workload.AgentWorkload}), as typed Kubernetes
 * resources, with every label and selector taken from one {@link io.agentplatform.workload.AgentLabels}, and its
 * schema migrations as a Job of their own ({@link io.agentplatform.workload.DatabaseMigration}). The workload's
 * parts are classes of their own: the environment ({@link io.agentplatform.workload.AgentEnvironment}), the pure pod
 * spec ({@link io.agentplatform.workload.AgentPod}), identity, secrets, autoscaling, network policies and ingress.
 *
 * <h2>Who holds which database credential</h2>
 * The long-running pods log in as the application role {@code agent_app}, which can read and write data but not
 * change roles or schema: on AWS with RDS IAM database authentication (their IRSA role may only
 * {@code rds-db:connect} as that user on that instance; no password exists), in-cluster with a password derived for
 * that role. Only the migration Job holds the owner's password: on AWS External Secrets Operator copies the rotated
 * RDS master password into a Secret only the Job mounts, reading Secrets Manager as the Job's own service account and
 * IRSA role. See {@code docs/agent-workload.md}.
 *
 * <p>The Redis AUTH token (and the model API key) come from Pulumi config secrets: they live in the Kubernetes
 * Secret {@code agent-secrets}, encrypted in state as Pulumi secrets, and reach the app as files.
 */
package io.agentplatform.workload;

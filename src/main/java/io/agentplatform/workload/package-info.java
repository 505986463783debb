/**
 * The agent service on the cluster ({@link io.agentplatform.workload.AgentWorkload}), as typed Kubernetes
 * resources, with every label and selector taken from one {@link io.agentplatform.workload.AgentLabels}.
 *
 * <h2>How the database password reaches the pod, and survives rotation</h2>
 * RDS manages the master password in Secrets Manager and rotates it (every 7 days by default). With a
 * {@link io.agentplatform.workload.DataConnections.SecretsManager} source:
 * <ol>
 *   <li>the agent's IAM role (IRSA; trusted only by {@code system:serviceaccount:<namespace>:agent}) may call
 *       {@code secretsmanager:GetSecretValue}/{@code DescribeSecret} on that one secret and {@code kms:Decrypt} with
 *       its key, nothing else;</li>
 *   <li>External Secrets Operator ({@link io.agentplatform.workload.ExternalSecretsOperator}, its own namespace, no
 *       AWS identity of its own) reads the secret through a namespaced SecretStore that authenticates as the
 *       agent's service account ({@code auth.jwt.serviceAccountRef}), and an ExternalSecret copies its
 *       {@code password} field into the Kubernetes Secret {@code agent-db}, re-read every minute;</li>
 *   <li>the Secret is mounted as a volume (not a subPath, not an env var), so the kubelet replaces the file
 *       after a change, and the app reads {@code DB_PASSWORD_FILE} again for every new connection.</li>
 * </ol>
 * Open connections are not affected by a rotation; new ones use the new password once the file changes (at most
 * the refresh interval plus the kubelet's sync period, about two minutes). No restart, and the password is never
 * in Pulumi state, in the plan or in a ConfigMap. With a
 * {@link io.agentplatform.workload.DataConnections.KubernetesSecret} source (in-cluster PostgreSQL of a per-PR
 * stack) the same volume mounts that Secret instead, and no operator or role is created.
 *
 * <p>The Redis AUTH token (and the model API key) come from Pulumi config secrets: they live in the Kubernetes
 * Secret {@code agent-secrets}, encrypted in state as Pulumi secrets, and reach the app as files as well.
 */
package io.agentplatform.workload;

package io.agentplatform.config;

import java.util.List;
import java.util.Optional;

/**
 * How the CI identities of the bootstrap program reach and use a cluster's Kubernetes API ({@code cluster.ciAccess}).
 * Each role gets an EKS access entry with the narrowest access policy it needs.
 *
 * @param reach                  how CI's runners reach the API server
 * @param runnerCidrs            {@code vpcRunner}: address ranges of the self-hosted runners inside the VPC; the cluster
 *                               security group admits HTTPS from them
 * @param runnerSecurityGroupIds {@code vpcRunner}: security groups of those runners, admitted the same way
 * @param egressCidrs            {@code publicEndpoint}: the runners' allowlisted egress ranges; each must lie inside
 *                               {@code publicAccessCidrs}
 * @param ephemeralRoleArn       the bootstrap's preview role (ephemeral {@code pr-<n>} stacks):
 *                               {@code AmazonEKSEditPolicy} scoped to the namespaces {@value #EPHEMERAL_NAMESPACES}
 * @param planRoleArn            the bootstrap's plan role of this environment: {@code AmazonEKSViewPolicy}, cluster-wide
 * @param driftRoleArn           the bootstrap's drift role of this environment: {@code AmazonEKSViewPolicy}, cluster-wide
 */
public record CiAccessSettings(
        Reach reach,
        List<String> runnerCidrs,
        List<String> runnerSecurityGroupIds,
        List<String> egressCidrs,
        Optional<String> ephemeralRoleArn,
        Optional<String> planRoleArn,
        Optional<String> driftRoleArn) {

    /** The namespaces of the ephemeral stacks ({@code agent-pr-<n>}); EKS access scopes accept a trailing wildcard. */
    public static final String EPHEMERAL_NAMESPACES = "agent-pr-*";

    public enum Reach {
        /** A self-hosted runner inside the VPC uses the private endpoint. */
        VPC_RUNNER,
        /** Runners with an allowlisted egress range use the public endpoint. */
        PUBLIC_ENDPOINT
    }
}

package io.agentplatform.monitoring;

import com.pulumi.core.Output;

/**
 * The cluster's IAM OIDC provider, for IAM roles for service accounts (IRSA).
 *
 * @param oidcProviderArn ARN of the {@code aws.iam.OpenIdConnectProvider} of the cluster
 * @param oidcIssuerUrl   the cluster's OIDC issuer URL ({@code https://oidc.eks.<region>.amazonaws.com/id/...})
 */
public record IrsaIssuer(Output<String> oidcProviderArn, Output<String> oidcIssuerUrl) {
}

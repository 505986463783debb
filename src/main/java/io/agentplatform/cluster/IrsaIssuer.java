package io.agentplatform.cluster;

import com.pulumi.core.Output;

/** The cluster's OIDC identity provider, which IAM roles for service accounts (IRSA) trust. */
public record IrsaIssuer(Output<String> oidcProviderArn, Output<String> oidcIssuerUrl) {
}

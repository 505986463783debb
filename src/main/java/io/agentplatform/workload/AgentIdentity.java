package io.agentplatform.workload;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.core.PolicyDocument;

import java.util.List;
import java.util.Map;

import static io.agentplatform.workload.AgentWorkload.SERVICE_ACCOUNT;

/**
 * Who the agent's pods are: their service account (no token mounted) and, with IAM database login, the IRSA role it
 * is bound to, which may only {@code rds-db:connect} as {@link DataConnections#APP_USER} on this one instance (no
 * secret, no key). With a password login there is no AWS identity.
 */
final class AgentIdentity {
    static final String ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

    private AgentIdentity() {}

    static ServiceAccount create(AgentWorkload.Scope scope, AgentWorkloadArgs args, AgentLabels labels,
                                 List<Resource> inNamespace) {
        String ns = args.namespace();
        ObjectMetaArgs.Builder meta = ObjectMetaArgs.builder().name(SERVICE_ACCOUNT).namespace(ns).labels(labels.pod());
        if (args.data().database().app() instanceof DataConnections.IamLogin iam) {
            Role role = role(scope, iam, args.irsa().orElseThrow(), ns);
            meta.annotations(role.arn().applyValue(arn -> Map.of(ROLE_ANNOTATION, arn)));
        }
        return new ServiceAccount(scope.name("service-account"), ServiceAccountArgs.builder()
                .automountServiceAccountToken(false)
                .metadata(meta.build())
                .build(), scope.options().dependsOn(inNamespace).build());
    }

    private static Role role(AgentWorkload.Scope scope, DataConnections.IamLogin iam, IrsaIssuer irsa, String ns) {
        Output<String> dbUser = Output.tuple(Output.of(scope.region()), scope.accountId(), iam.dbiResourceId()).applyValue(t ->
                "arn:aws:rds-db:" + t.t1 + ":" + t.t2 + ":dbuser:" + t.t3 + "/" + DataConnections.APP_USER);
        Policy policy = new Policy(scope.name("db-connect-policy"), PolicyArgs.builder()
                .path(scope.iamPath())
                .description("The agent (" + ns + "/" + SERVICE_ACCOUNT + ") connects to its database as "
                        + DataConnections.APP_USER + " with IAM authentication")
                .policy(PolicyDocument.create()
                        .allow(List.of("rds-db:connect"), dbUser.applyValue(List::of))
                        .toJson())
                .tags(scope.tags())
                .build(), scope.options().build());
        return scope.serviceAccountRole("irsa", irsa, ns, SERVICE_ACCOUNT, policy.arn());
    }
}

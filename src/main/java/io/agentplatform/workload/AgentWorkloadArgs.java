package io.agentplatform.workload;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AgentSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inputs of {@link AgentWorkload}.
 *
 * @param settings            the validated {@code agent:} settings
 * @param namespace           namespace to create for the agent (e.g. {@code agent})
 * @param data                how the agent reaches PostgreSQL and Redis
 * @param llmApiKey           the model API key as a Pulumi secret, when {@code llmApiUrl} is set
 * @param irsa                the cluster's OIDC issuer, for the IAM roles of the agent (IAM database login) and of
 *                            the migration Job (reads the master secret); required with either
 * @param vpcCidr             the VPC range, on stacks that build one: excluded from the model-endpoint egress rule
 *                            (internal addresses go through their own, narrower rules)
 * @param ingressSourceCidrs  where the load balancer's traffic and health checks come from (ALB target-type ip:
 *                            the public subnets); used only when an ingress is configured
 * @param nodeSelector        labels of the node group the agent runs on (empty: any node)
 * @param clusterReady        what must exist before anything is deployed (nodes, add-ons, cluster services)
 * @param monitoringCrdsReady the release that installs the Prometheus Operator CRDs; empty: no ServiceMonitor and
 *                            PrometheusRule (a stack without the monitoring stack)
 * @param namespaceLabels     extra labels of the namespace, e.g. an ephemeral stack's {@code expires-at}
 * @param externalSecretsReady the External Secrets Operator release of the cluster services (its CRDs); required
 *                            when the owner's password is in Secrets Manager, empty otherwise
 * @param delivery            the progressive delivery controller; required when {@code agent.delivery} is canary
 *                            or blueGreen, empty otherwise
 */
public record AgentWorkloadArgs(AgentSettings settings, String namespace, DataConnections data,
                                Optional<Output<String>> llmApiKey, Optional<IrsaIssuer> irsa, Optional<String> vpcCidr,
                                List<String> ingressSourceCidrs, Map<String, String> nodeSelector,
                                List<Resource> clusterReady, Optional<Resource> monitoringCrdsReady,
                                Map<String, String> namespaceLabels, Optional<Resource> externalSecretsReady,
                                Optional<DeliveryController> delivery) {

    /** Inputs of an agent released by its Deployment's rolling update (no delivery controller). */
    public AgentWorkloadArgs(AgentSettings settings, String namespace, DataConnections data,
                             Optional<Output<String>> llmApiKey, Optional<IrsaIssuer> irsa, Optional<String> vpcCidr,
                             List<String> ingressSourceCidrs, Map<String, String> nodeSelector,
                             List<Resource> clusterReady, Optional<Resource> monitoringCrdsReady,
                             Map<String, String> namespaceLabels, Optional<Resource> externalSecretsReady) {
        this(settings, namespace, data, llmApiKey, irsa, vpcCidr, ingressSourceCidrs, nodeSelector, clusterReady,
                monitoringCrdsReady, namespaceLabels, externalSecretsReady, Optional.empty());
    }

    public AgentWorkloadArgs {
        if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            throw new IllegalArgumentException("namespace must be a DNS label, was " + namespace);
        }
        if (data.database().owner() instanceof DataConnections.SecretsManager && irsa.isEmpty()) {
            throw new IllegalArgumentException("reading the database secret from Secrets Manager needs the cluster's IRSA issuer");
        }
        if (data.database().owner() instanceof DataConnections.SecretsManager && externalSecretsReady.isEmpty()) {
            throw new IllegalArgumentException("reading the database secret from Secrets Manager needs the External "
                    + "Secrets Operator of the cluster services");
        }
        if (data.database().app() instanceof DataConnections.IamLogin && irsa.isEmpty()) {
            throw new IllegalArgumentException("IAM database authentication needs the cluster's IRSA issuer");
        }
        if (settings.llmApiUrl().isPresent() && llmApiKey.isEmpty()) {
            throw new IllegalArgumentException("llmApiUrl is set but no llmApiKey was given");
        }
        if (settings.delivery().progressive() && delivery.isEmpty()) {
            throw new IllegalArgumentException("agent.delivery " + settings.delivery().strategy()
                    + " needs the progressive delivery controller (Argo Rollouts) of a platform stack");
        }
        if (settings.ingress().isPresent() && ingressSourceCidrs.isEmpty()) {
            throw new IllegalArgumentException("an ingress needs the CIDR blocks its load balancer sends from");
        }
        ingressSourceCidrs = List.copyOf(ingressSourceCidrs);
        nodeSelector = Map.copyOf(nodeSelector);
        clusterReady = List.copyOf(clusterReady);
        namespaceLabels = Map.copyOf(namespaceLabels);
    }
}

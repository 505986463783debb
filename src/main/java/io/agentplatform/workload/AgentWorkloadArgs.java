package io.agentplatform.workload;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.AgentSettings;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Inputs of {@link AgentWorkload}. Build them by name with {@link #builder()}: settings, namespace and data are
 * required; every other input defaults to absent or empty, as a stack without it (no AWS, no monitoring) needs.
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
 */
public record AgentWorkloadArgs(AgentSettings settings, String namespace, DataConnections data,
                                Optional<Output<String>> llmApiKey, Optional<IrsaIssuer> irsa, Optional<String> vpcCidr,
                                List<String> ingressSourceCidrs, Map<String, String> nodeSelector,
                                List<Resource> clusterReady, Optional<Resource> monitoringCrdsReady,
                                Map<String, String> namespaceLabels, Optional<Resource> externalSecretsReady) {

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
        if (settings.ingress().isPresent() && ingressSourceCidrs.isEmpty()) {
            throw new IllegalArgumentException("an ingress needs the CIDR blocks its load balancer sends from");
        }
        ingressSourceCidrs = List.copyOf(ingressSourceCidrs);
        nodeSelector = Map.copyOf(nodeSelector);
        clusterReady = List.copyOf(clusterReady);
        namespaceLabels = Map.copyOf(namespaceLabels);
    }

    /** Starts AgentWorkloadArgs named field by field; see the record's parameters for each. */
    public static Builder builder() {
        return new Builder();
    }

    /** Named inputs instead of 12 positional arguments; the optional ones default to absent or empty. */
    public static final class Builder {
        private AgentSettings settings;
        private String namespace;
        private DataConnections data;
        private Optional<Output<String>> llmApiKey = Optional.empty();
        private Optional<IrsaIssuer> irsa = Optional.empty();
        private Optional<String> vpcCidr = Optional.empty();
        private List<String> ingressSourceCidrs = List.of();
        private Map<String, String> nodeSelector = Map.of();
        private List<Resource> clusterReady = List.of();
        private Optional<Resource> monitoringCrdsReady = Optional.empty();
        private Map<String, String> namespaceLabels = Map.of();
        private Optional<Resource> externalSecretsReady = Optional.empty();

        private Builder() {}

        public Builder settings(AgentSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder data(DataConnections data) {
            this.data = data;
            return this;
        }

        public Builder llmApiKey(Optional<Output<String>> llmApiKey) {
            this.llmApiKey = llmApiKey;
            return this;
        }

        public Builder irsa(IrsaIssuer irsa) {
            this.irsa = Optional.of(irsa);
            return this;
        }

        public Builder vpcCidr(String vpcCidr) {
            this.vpcCidr = Optional.of(vpcCidr);
            return this;
        }

        public Builder ingressSourceCidrs(List<String> ingressSourceCidrs) {
            this.ingressSourceCidrs = ingressSourceCidrs;
            return this;
        }

        public Builder nodeSelector(Map<String, String> nodeSelector) {
            this.nodeSelector = nodeSelector;
            return this;
        }

        public Builder clusterReady(List<Resource> clusterReady) {
            this.clusterReady = clusterReady;
            return this;
        }

        public Builder monitoringCrdsReady(Optional<Resource> monitoringCrdsReady) {
            this.monitoringCrdsReady = monitoringCrdsReady;
            return this;
        }

        public Builder namespaceLabels(Map<String, String> namespaceLabels) {
            this.namespaceLabels = namespaceLabels;
            return this;
        }

        public Builder externalSecretsReady(Resource externalSecretsReady) {
            this.externalSecretsReady = Optional.of(externalSecretsReady);
            return this;
        }

        /** @throws NullPointerException naming the first required input that was not set */
        public AgentWorkloadArgs build() {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(data, "data");
            return new AgentWorkloadArgs(settings, namespace, data, llmApiKey, irsa, vpcCidr, ingressSourceCidrs,
                    nodeSelector, clusterReady, monitoringCrdsReady, namespaceLabels, externalSecretsReady);
        }
    }
}

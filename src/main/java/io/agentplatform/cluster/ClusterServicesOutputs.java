package io.agentplatform.cluster;

import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * What others may wait for, each for its own reason, so nothing waits for more than it uses.
 *
 * @param storageClassName       the default gp3 StorageClass
 * @param storageClass           that StorageClass, created once the EBS CSI driver is installed: anything that asks
 *                               for a persistent volume waits for it
 * @param podsCanRun             node groups, the VPC CNI, kube-proxy and coredns: anything that runs pods waits for them
 * @param podsCanRunWithoutClusterDns the same without coredns, for pods that resolve names through the VPC resolver
 *                               ({@code dnsPolicy: Default}) such as the Karpenter controller
 * @param loadBalancerController the AWS Load Balancer Controller release: its webhook admits Ingress objects, and it
 *                               must outlive them (and the target groups it makes for them) on destroy
 * @param externalSecretsReady   the External Secrets Operator release (its CRDs and webhook), for SecretStores and
 *                               ExternalSecrets
 */
public record ClusterServicesOutputs(String storageClassName, Resource storageClass, List<Resource> podsCanRun,
                                     List<Resource> podsCanRunWithoutClusterDns, Resource loadBalancerController,
                                     Resource externalSecretsReady) {

    public ClusterServicesOutputs {
        podsCanRun = List.copyOf(podsCanRun);
        podsCanRunWithoutClusterDns = List.copyOf(podsCanRunWithoutClusterDns);
    }

    /**
     * What an application namespace waits for: pods can run, and the load balancer controller exists before any
     * Ingress in it is created and is deleted only after them.
     */
    public List<Resource> applicationsReady() {
        List<Resource> all = new ArrayList<>(podsCanRun);
        all.add(loadBalancerController);
        return List.copyOf(all);
    }
}

package io.agentplatform.cluster;

import com.pulumi.resources.Resource;

import java.util.List;

/**
 * @param storageClassName the default gp3 StorageClass
 * @param ready            everything a workload waits for: nodes, add-ons, the storage class and cluster services
 * @param externalSecretsReady the External Secrets Operator release (its CRDs), for SecretStores and ExternalSecrets
 */
public record ClusterServicesOutputs(String storageClassName, List<Resource> ready, Resource externalSecretsReady) {
}

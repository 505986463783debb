package io.agentplatform.workload.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * An External Secrets Operator {@code SecretStore} ({@code external-secrets.io/v1}). Where secrets come from (here AWS Secrets Manager, authenticated as a service account through IRSA); namespaced, so only ExternalSecrets of its namespace can use it. Its CRD comes with the
 * external-secrets chart, so it must depend on that release.
 */
@ResourceType(type = SecretStore.TYPE)
public final class SecretStore extends CustomObject {
    public static final String TYPE = "kubernetes:external-secrets.io/v1:SecretStore";
    public static final String KIND = "SecretStore";

    public SecretStore(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

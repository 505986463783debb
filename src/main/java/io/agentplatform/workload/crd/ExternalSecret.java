package io.agentplatform.workload.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * An External Secrets Operator {@code ExternalSecret} ({@code external-secrets.io/v1}). Which remote secret values become which keys of a Kubernetes Secret, refreshed on an interval. Its CRD comes with the
 * external-secrets chart, so it must depend on that release.
 */
@ResourceType(type = ExternalSecret.TYPE)
public final class ExternalSecret extends CustomObject {
    public static final String TYPE = "kubernetes:external-secrets.io/v1:ExternalSecret";
    public static final String KIND = "ExternalSecret";

    public ExternalSecret(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

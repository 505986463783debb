package io.agentplatform.cluster.k8s;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * {@code admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy} (GA since Kubernetes 1.30): CEL rules the API
 * server enforces itself. The Kubernetes SDK served here predates v1, hence the typed custom object.
 */
@ResourceType(type = ValidatingAdmissionPolicy.TYPE)
public final class ValidatingAdmissionPolicy extends CustomObject {
    public static final String TYPE = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";

    public ValidatingAdmissionPolicy(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec,
                                     CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

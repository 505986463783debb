package io.agentplatform.cluster.k8s;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/** {@code admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBinding}: puts a policy into force (e.g. Deny). */
@ResourceType(type = ValidatingAdmissionPolicyBinding.TYPE)
public final class ValidatingAdmissionPolicyBinding extends CustomObject {
    public static final String TYPE = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

    public ValidatingAdmissionPolicyBinding(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec,
                                            CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

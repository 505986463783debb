package io.agentplatform.karpenter.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * A Karpenter {@code EC2NodeClass} ({@code karpenter.k8s.aws/v1}): how Karpenter launches EC2 nodes (AMI, subnets,
 * security groups, metadata options, volumes, node role). Cluster-scoped; its CRD comes with the karpenter-crd chart.
 */
@ResourceType(type = EC2NodeClass.TYPE)
public final class EC2NodeClass extends CustomObject {
    public static final String TYPE = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
    public static final String KIND = "EC2NodeClass";
    public static final String GROUP = "karpenter.k8s.aws";

    public EC2NodeClass(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

package io.agentplatform.karpenter.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * A Karpenter {@code NodePool} ({@code karpenter.sh/v1}): which nodes Karpenter may launch for pending pods
 * (requirements, labels), how many in total (limits) and when it may take them away (disruption, expireAfter).
 * Cluster-scoped; its CRD comes with the karpenter-crd chart.
 */
@ResourceType(type = NodePool.TYPE)
public final class NodePool extends CustomObject {
    public static final String TYPE = "kubernetes:karpenter.sh/v1:NodePool";
    public static final String KIND = "NodePool";

    public NodePool(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

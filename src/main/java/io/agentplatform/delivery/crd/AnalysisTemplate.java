package io.agentplatform.delivery.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * An Argo Rollouts {@code AnalysisTemplate} ({@code argoproj.io/v1alpha1}). The metrics queries a Rollout measures while a new version runs; a failed analysis aborts the rollout. Its CRD comes with the argo-rollouts chart, so it must depend on that release
 * ({@link io.agentplatform.delivery.ArgoRollouts#crdsReady()}).
 */
@ResourceType(type = AnalysisTemplate.TYPE)
public final class AnalysisTemplate extends CustomObject {
    public static final String TYPE = "kubernetes:argoproj.io/v1alpha1:AnalysisTemplate";
    public static final String KIND = "AnalysisTemplate";

    public AnalysisTemplate(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

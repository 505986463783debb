package io.agentplatform.delivery.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * An Argo Rollouts {@code Rollout} ({@code argoproj.io/v1alpha1}). Replaces a Deployment's rollout with canary or blue-green steps; here it references the agent's Deployment ({@code workloadRef}) for its pod template. Its CRD comes with the argo-rollouts chart, so it must depend on that release
 * ({@link io.agentplatform.delivery.ArgoRollouts#crdsReady()}).
 */
@ResourceType(type = Rollout.TYPE)
public final class Rollout extends CustomObject {
    public static final String TYPE = "kubernetes:argoproj.io/v1alpha1:Rollout";
    public static final String KIND = "Rollout";

    public Rollout(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

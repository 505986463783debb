package io.agentplatform.monitoring.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * A Prometheus Operator {@code PrometheusRule} ({@code monitoring.coreos.com/v1}). Alerting and recording rules that Prometheus loads. Its CRD comes with
 * kube-prometheus-stack, so it must depend on that release.
 */
@ResourceType(type = PrometheusRule.TYPE)
public final class PrometheusRule extends CustomObject {
    public static final String TYPE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
    public static final String KIND = "PrometheusRule";

    public PrometheusRule(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

package io.agentplatform.monitoring.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.core.k8s.CustomObject;

import java.util.Map;

/**
 * A Prometheus Operator {@code ServiceMonitor} ({@code monitoring.coreos.com/v1}). Tells Prometheus to scrape the endpoints of the Services its selector matches. Its CRD comes with
 * kube-prometheus-stack, so it must depend on that release.
 */
@ResourceType(type = ServiceMonitor.TYPE)
public final class ServiceMonitor extends CustomObject {
    public static final String TYPE = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
    public static final String KIND = "ServiceMonitor";

    public ServiceMonitor(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, metadata, spec, options);
    }
}

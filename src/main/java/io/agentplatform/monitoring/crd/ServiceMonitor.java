package io.agentplatform.monitoring.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * A Prometheus Operator {@code ServiceMonitor} ({@code monitoring.coreos.com/v1}). Tells Prometheus to scrape the endpoints of the Services its selector matches. Its CRD comes with
 * kube-prometheus-stack, so it must depend on that release.
 */
@ResourceType(type = ServiceMonitor.TYPE)
public final class ServiceMonitor extends CustomResource {
    public static final String TYPE = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
    public static final String KIND = "ServiceMonitor";

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    public ServiceMonitor(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, new OperatorResourceArgs(KIND, metadata, spec), options);
    }

    public Output<String> apiVersion() {
        return apiVersion;
    }

    public Output<String> kind() {
        return kind;
    }

    public Output<ObjectMeta> metadata() {
        return metadata;
    }
}

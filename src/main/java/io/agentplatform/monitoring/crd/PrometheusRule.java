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
 * A Prometheus Operator {@code PrometheusRule} ({@code monitoring.coreos.com/v1}). Alerting and recording rules that Prometheus loads. Its CRD comes with
 * kube-prometheus-stack, so it must depend on that release.
 */
@ResourceType(type = PrometheusRule.TYPE)
public final class PrometheusRule extends CustomResource {
    public static final String TYPE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
    public static final String KIND = "PrometheusRule";

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    public PrometheusRule(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
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

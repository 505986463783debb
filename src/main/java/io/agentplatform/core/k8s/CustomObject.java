package io.agentplatform.core.k8s;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * Base of the typed classes for custom resources (Prometheus Operator, External Secrets): the Kubernetes SDK used
 * here has no generic CustomResource. A subclass fixes the type token ({@code kubernetes:<group>/<version>:<Kind>}),
 * from which apiVersion and kind follow, so they cannot disagree.
 */
public abstract class CustomObject extends CustomResource {
    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    protected CustomObject(String type, String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec,
                           CustomResourceOptions options) {
        super(type, name, new CustomObjectArgs(apiVersionOf(type), kindOf(type), metadata, spec), options);
    }

    /** {@code kubernetes:monitoring.coreos.com/v1:ServiceMonitor} → {@code monitoring.coreos.com/v1}. */
    static String apiVersionOf(String type) {
        return type.split(":")[1];
    }

    /** {@code kubernetes:monitoring.coreos.com/v1:ServiceMonitor} → {@code ServiceMonitor}. */
    static String kindOf(String type) {
        return type.split(":")[2];
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

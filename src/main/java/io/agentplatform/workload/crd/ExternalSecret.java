package io.agentplatform.workload.crd;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.meta.v1.outputs.ObjectMeta;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

import java.util.Map;

/**
 * An External Secrets Operator {@code ExternalSecret} ({@code external-secrets.io/v1}). Which remote secret values become which keys of a Kubernetes Secret, refreshed on an interval. Its CRD comes with the
 * external-secrets chart, so it must depend on that release.
 */
@ResourceType(type = ExternalSecret.TYPE)
public final class ExternalSecret extends CustomResource {
    public static final String TYPE = "kubernetes:external-secrets.io/v1:ExternalSecret";
    public static final String KIND = "ExternalSecret";

    @Export(name = "apiVersion", refs = {String.class}, tree = "[0]")
    private Output<String> apiVersion;

    @Export(name = "kind", refs = {String.class}, tree = "[0]")
    private Output<String> kind;

    @Export(name = "metadata", refs = {ObjectMeta.class}, tree = "[0]")
    private Output<ObjectMeta> metadata;

    public ExternalSecret(String name, ObjectMetaArgs metadata, Output<Map<String, Object>> spec, CustomResourceOptions options) {
        super(TYPE, name, new ExternalSecretsResourceArgs(KIND, metadata, spec), options);
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

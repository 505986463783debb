package io.agentplatform.backup;

import com.pulumi.aws.iam.Policy;
import com.pulumi.aws.iam.PolicyArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.agentplatform.core.Labels;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;
import io.agentplatform.core.PrivateBucket;
import io.agentplatform.monitoring.Chart;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Velero: scheduled backups of the cluster's state. See the package documentation. */
public final class Velero extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:Velero";
    public static final String NAMESPACE = "velero";
    public static final String SERVICE_ACCOUNT = "velero";
    /** The newest chart in vmware-tanzu/helm-charts (charts/velero/Chart.yaml, June 2026): 12.1.0, appVersion 1.18.1. */
    public static final Chart CHART = new Chart("velero", "12.1.0", "https://vmware-tanzu.github.io/helm-charts", "velero");
    /**
     * The newest patch of the chart's minor (github.com/vmware-tanzu/velero v1.18.3, 2026-09-08, on the Go module
     * proxy; CHANGELOG-1.18 lists only fixes). The chart's CRD upgrade job runs this image ({@code velero install
     * --crds-only --apply}), so the cluster gets v1.18.3's CRDs (config/crd/v1/bases, config/crd/v2alpha1/bases).
     */
    static final String VELERO_IMAGE_TAG = "v1.18.3";
    /** Plugin v1.14.x pairs with Velero v1.18.x (velero-plugin-for-aws README, compatibility); v1.14.3 is the newest. */
    static final String AWS_PLUGIN_IMAGE = "docker.io/velero/velero-plugin-for-aws:v1.14.3";
    /** The bucket keeps objects this long past Velero's own expiry, in case its garbage collection lags. */
    static final int LIFECYCLE_MARGIN_DAYS = 7;

    private final Output<String> bucketArn;

    public Velero(VeleroArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "velero", platform, options);
        BucketV2 bucket = PrivateBucket.create(this, "bucket", args.keep(),
                OptionalInt.of(args.settings().retentionDays() + LIFECYCLE_MARGIN_DAYS));
        Policy policy = new Policy(name("policy"), PolicyArgs.builder()
                .path(iamPath())
                .description("Velero: its own bucket, and EBS volumes and snapshots in " + region())
                .policy(permissions(bucket, region()))
                .tags(tags())
                .build(), child());
        Role role = serviceAccountRole("irsa", args.irsa().oidcProviderArn(), args.irsa().oidcIssuerUrl(), NAMESPACE,
                SERVICE_ACCOUNT, policy.arn());

        Namespace namespace = new Namespace(name("namespace"), NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder()
                        .name(NAMESPACE)
                        .labels(Labels.namespace(Labels.PLATFORM, Labels.PodSecurity.RESTRICTED, Map.of()))
                        .build())
                .build(), childBuilder().dependsOn(args.podsCanRun()).build());
        new Release(name(CHART.release()), ReleaseArgs.builder()
                .name(CHART.release())
                .chart(CHART.chart())
                .version(CHART.version())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART.repository()).build())
                .namespace(namespace.metadata().applyValue(m -> m.name().orElse(NAMESPACE)))
                .createNamespace(false)
                .values(Output.tuple(bucket.bucket(), role.arn()).applyValue(t ->
                        VeleroValues.build(args.settings(), t.t1, region(), t.t2)))
                .atomic(true)
                .cleanupOnFail(true)
                .timeout(600)
                .maxHistory(10)
                .build(), childBuilder().dependsOn(args.podsCanRun()).build());

        this.bucketArn = bucket.arn();
        registerOutputs(Map.of("bucketArn", bucketArn));
    }

    /** The backup bucket, which AWS Backup selects too (so Velero's backups are copied out of the region). */
    public Output<String> bucketArn() {
        return bucketArn;
    }

    /**
     * What the velero-plugin-for-aws README lists (IAM user option), scoped: objects of this bucket only, volume and
     * snapshot changes only in this region; the Describe calls support no resource scoping.
     */
    private Output<String> permissions(BucketV2 bucket, String region) {
        return PolicyDocument.create()
                .allow(List.of("ec2:DescribeVolumes", "ec2:DescribeSnapshots"), List.of("*"))
                .allow(List.of("ec2:CreateTags", "ec2:CreateVolume", "ec2:CreateSnapshot", "ec2:DeleteSnapshot"),
                        accountId().applyValue(account -> List.of(
                                "arn:aws:ec2:" + region + ":" + account + ":volume/*",
                                "arn:aws:ec2:" + region + "::snapshot/*")))
                .allow(List.of("s3:GetObject", "s3:DeleteObject", "s3:PutObject", "s3:PutObjectTagging",
                        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"), bucket.arn().applyValue(a -> List.of(a + "/*")))
                .allow(List.of("s3:ListBucket"), bucket.arn().applyValue(List::of))
                .toJson();
    }
}

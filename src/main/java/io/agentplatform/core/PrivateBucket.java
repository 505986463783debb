package io.agentplatform.core;

import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketPolicy;
import com.pulumi.aws.s3.BucketPolicyArgs;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2;
import com.pulumi.aws.s3.BucketServerSideEncryptionConfigurationV2Args;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.BucketVersioningV2;
import com.pulumi.aws.s3.BucketVersioningV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.resources.CustomResourceOptions;

import java.util.List;
import java.util.OptionalInt;

/**
 * The platform's one kind of S3 bucket: public access blocked, encrypted (SSE-S3), versioned, TLS only, with a
 * lifecycle that removes old versions (7 days), incomplete uploads (1 day) and, where given, objects past their
 * retention. Children of the owning component: {@code <part>}, {@code <part>-public-access}, {@code -encryption},
 * {@code -versioning}, {@code -lifecycle} and {@code -tls-only}.
 */
public final class PrivateBucket {
    private PrivateBucket() {}

    /**
     * @param keep            protect the bucket and keep it (and what it holds) on {@code pulumi destroy}; otherwise
     *                        it is emptied and deleted with the stack
     * @param expireAfterDays delete objects this many days after they were written; empty: objects stay until
     *                        their owner deletes them (only the delete markers left behind are cleaned up)
     */
    public static BucketV2 create(PlatformComponent owner, String part, boolean keep, OptionalInt expireAfterDays) {
        CustomResourceOptions opts = owner.child();
        BucketV2 bucket = new BucketV2(owner.name(part, PlatformComponent.BUCKET), BucketV2Args.builder()
                .forceDestroy(!keep)
                .tags(owner.tags(part))
                .build(), owner.childBuilder(part, PlatformComponent.BUCKET).protect(keep).retainOnDelete(keep).build());
        new BucketPublicAccessBlock(owner.name(part + "-public-access"), BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), opts);
        new BucketServerSideEncryptionConfigurationV2(owner.name(part + "-encryption"),
                BucketServerSideEncryptionConfigurationV2Args.builder()
                        .bucket(bucket.id())
                        .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                .applyServerSideEncryptionByDefault(
                                        BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                                .sseAlgorithm("AES256")
                                                .build())
                                .build())
                        .build(), opts);
        BucketVersioningV2 versioning = new BucketVersioningV2(owner.name(part + "-versioning"), BucketVersioningV2Args.builder()
                .bucket(bucket.id())
                .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder().status("Enabled").build())
                .build(), opts);
        // S3 refuses Days together with ExpiredObjectDeleteMarker in one expiration; expiring objects removes
        // their delete markers anyway once the old versions are gone.
        BucketLifecycleConfigurationV2RuleExpirationArgs expiration = expireAfterDays.isPresent()
                ? BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(expireAfterDays.getAsInt()).build()
                : BucketLifecycleConfigurationV2RuleExpirationArgs.builder().expiredObjectDeleteMarker(true).build();
        new BucketLifecycleConfigurationV2(owner.name(part + "-lifecycle"), BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id(expireAfterDays.isPresent() ? "expire-after-retention" : "expire-deleted-versions")
                                .status("Enabled")
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                                .noncurrentVersionExpiration(BucketLifecycleConfigurationV2RuleNoncurrentVersionExpirationArgs.builder()
                                        .noncurrentDays(7).build())
                                .expiration(expiration)
                                .build(),
                        BucketLifecycleConfigurationV2RuleArgs.builder()
                                .id("abort-incomplete-uploads")
                                .status("Enabled")
                                .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                                .abortIncompleteMultipartUpload(
                                        BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs.builder()
                                                .daysAfterInitiation(1).build())
                                .build())
                .build(), owner.childBuilder().dependsOn(versioning).build());
        new BucketPolicy(owner.name(part + "-tls-only"), BucketPolicyArgs.builder()
                .bucket(bucket.id())
                .policy(PolicyDocument.create()
                        .denyInsecureTransport(bucket.arn().applyValue(arn -> List.of(arn, arn + "/*")))
                        .toJson())
                .build(), opts);
        return bucket;
    }
}

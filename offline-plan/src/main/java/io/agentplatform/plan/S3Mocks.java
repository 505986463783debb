package io.agentplatform.plan;

import java.util.Map;

/**
 * S3: a bucket's id is its name, as the provider reports it, so policies and Loki's config name the bucket the
 * plan would create; its ARN has no region or account.
 */
final class S3Mocks {
    private S3Mocks() {}

    private static final TypeMock BUCKET = TypeMock.of(S3Mocks::bucketName, (resource, state) -> {
        String bucket = resource.text("bucket", resource.physicalName());
        state.put("bucket", bucket);
        state.put("arn", "arn:aws:s3:::" + bucket);
        state.put("bucketRegionalDomainName", bucket + ".s3." + resource.region() + ".amazonaws.com");
    });

    static final Map<String, TypeMock> TYPES = Map.of("aws:s3/bucketV2:BucketV2", BUCKET, "aws:s3/bucket:Bucket", BUCKET);

    private static String bucketName(String name, Map<String, Object> inputs) {
        return MockCloud.stringOr(inputs.get("bucket"), MockCloud.autoName(name));
    }
}

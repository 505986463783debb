package io.agentplatform.bootstrap;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ecr.LifecyclePolicy;
import com.pulumi.aws.ecr.LifecyclePolicyArgs;
import com.pulumi.aws.ecr.Repository;
import com.pulumi.aws.ecr.RepositoryArgs;
import com.pulumi.aws.ecr.inputs.RepositoryEncryptionConfigurationArgs;
import com.pulumi.aws.ecr.inputs.RepositoryImageScanningConfigurationArgs;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.aws.s3.BucketOwnershipControls;
import com.pulumi.aws.s3.BucketOwnershipControlsArgs;
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
import com.pulumi.aws.s3.inputs.BucketOwnershipControlsRuleArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs;
import com.pulumi.aws.s3.inputs.BucketServerSideEncryptionConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketVersioningV2VersioningConfigurationArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Declares the bootstrap resources. See {@code docs/ci.md} for how the outputs become GitHub
 * repository variables.
 */
public final class BootstrapStack {

    /** Role session length for deploys: EKS + RDS creation can exceed the default hour. */
    static final int DEPLOY_SESSION_SECONDS = 3 * 60 * 60;
    static final int READ_SESSION_SECONDS = 60 * 60;

    private BootstrapStack() {
    }

    /** Reads and validates the stack configuration, then declares the resources. */
    public static void define(Context ctx) {
        var cfg = ctx.config(BootstrapConfig.NAMESPACE);
        var aws = ctx.config("aws");
        BootstrapConfig config = BootstrapConfig.parse(cfg::get, aws.get("region"));
        define(ctx, config);
    }

    public static void define(Context ctx, BootstrapConfig c) {
        String p = c.platformProject();
        Output<GetCallerIdentityResult> identity = AwsFunctions.getCallerIdentity();
        Output<String> accountId = identity.applyValue(GetCallerIdentityResult::accountId);
        Output<String> partition = identity.applyValue(id -> id.arn().split(":", 3)[1]);

        // --- GitHub Actions OIDC identity provider (one per account and URL).
        Output<String> providerArn;
        if (c.createOidcProvider()) {
            var provider = new OpenIdConnectProvider("github-actions", OpenIdConnectProviderArgs.builder()
                    .url(PolicyDocuments.GITHUB_OIDC_URL)
                    .clientIdLists(PolicyDocuments.STS_AUDIENCE)
                    .build(), CustomResourceOptions.builder().protect(true).build());
            providerArn = provider.arn();
        } else {
            providerArn = Output.of(c.existingOidcProviderArn().orElseThrow());
        }

        // --- Agent image registry: immutable tags, scan on push, customer-managed KMS key.
        var ecrKey = new Key("ecr", KeyArgs.builder()
                .description(p + ": encryption of the agent image repository")
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .build(), CustomResourceOptions.builder().protect(true).build());
        new Alias("ecr", AliasArgs.builder()
                .name(c.ecrKeyAlias())
                .targetKeyId(ecrKey.keyId())
                .build());
        var repository = new Repository("agent", RepositoryArgs.builder()
                .name(c.ecrRepositoryName())
                .imageTagMutability("IMMUTABLE")
                .imageScanningConfiguration(RepositoryImageScanningConfigurationArgs.builder()
                        .scanOnPush(true)
                        .build())
                .encryptionConfigurations(RepositoryEncryptionConfigurationArgs.builder()
                        .encryptionType("KMS")
                        .kmsKey(ecrKey.arn())
                        .build())
                .forceDelete(false)
                .build(), CustomResourceOptions.builder().protect(true).build());
        new LifecyclePolicy("agent", LifecyclePolicyArgs.builder()
                .repository(repository.name())
                .policy(PolicyDocuments.ecrLifecyclePolicy())
                .build());

        // --- Optional S3 state backend + KMS key for the awskms:// secrets provider.
        Optional<BucketV2> bucket = Optional.empty();
        Optional<Key> stateKey = Optional.empty();
        Optional<Alias> stateAlias = Optional.empty();
        if (c.createsStateBackend()) {
            var key = new Key("pulumi-state", KeyArgs.builder()
                    .description(p + ": Pulumi state bucket encryption and awskms:// secrets provider")
                    .enableKeyRotation(true)
                    .deletionWindowInDays(30)
                    .build(), CustomResourceOptions.builder().protect(true).build());
            stateAlias = Optional.of(new Alias("pulumi-state", AliasArgs.builder()
                    .name(c.stateKeyAlias())
                    .targetKeyId(key.keyId())
                    .build()));
            var b = new BucketV2("pulumi-state", BucketV2Args.builder()
                    .bucketPrefix(BootstrapConfig.stateBucketPrefix(p))
                    .forceDestroy(false)
                    .build(), CustomResourceOptions.builder().protect(true).build());
            new BucketOwnershipControls("pulumi-state", BucketOwnershipControlsArgs.builder()
                    .bucket(b.id())
                    .rule(BucketOwnershipControlsRuleArgs.builder().objectOwnership("BucketOwnerEnforced").build())
                    .build());
            new BucketPublicAccessBlock("pulumi-state", BucketPublicAccessBlockArgs.builder()
                    .bucket(b.id())
                    .blockPublicAcls(true)
                    .blockPublicPolicy(true)
                    .ignorePublicAcls(true)
                    .restrictPublicBuckets(true)
                    .build());
            new BucketVersioningV2("pulumi-state", BucketVersioningV2Args.builder()
                    .bucket(b.id())
                    .versioningConfiguration(BucketVersioningV2VersioningConfigurationArgs.builder()
                            .status("Enabled")
                            .build())
                    .build());
            new BucketServerSideEncryptionConfigurationV2("pulumi-state",
                    BucketServerSideEncryptionConfigurationV2Args.builder()
                            .bucket(b.id())
                            .rules(BucketServerSideEncryptionConfigurationV2RuleArgs.builder()
                                    .applyServerSideEncryptionByDefault(
                                            BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs.builder()
                                                    .sseAlgorithm("aws:kms")
                                                    .kmsMasterKeyId(key.arn())
                                                    .build())
                                    .bucketKeyEnabled(true)
                                    .build())
                            .build());
            new BucketPolicy("pulumi-state", BucketPolicyArgs.builder()
                    .bucket(b.id())
                    .policy(b.arn().applyValue(PolicyDocuments::stateBucketPolicy))
                    .build());
            bucket = Optional.of(b);
            stateKey = Optional.of(key);
        }

        Output<Optional<String>> bucketName = bucket.map(b -> b.bucket().applyValue(Optional::of))
                .orElse(Output.of(Optional.empty()));
        Output<Optional<String>> stateKeyArn = stateKey.map(k -> k.arn().applyValue(Optional::of))
                .orElse(Output.of(Optional.empty()));
        Output<PolicyDocuments.Scope> scope = Output.tuple(partition, accountId, repository.arn(), ecrKey.arn(),
                        bucketName, stateKeyArn)
                .applyValue(t -> new PolicyDocuments.Scope(c, t.t1, t.t2, t.t3, t.t4, t.t5, t.t6));

        // --- CI roles: plan (pull requests), drift (default branch), deploy (GitHub environment).
        Map<String, Output<String>> planArns = new LinkedHashMap<>();
        Map<String, Output<String>> driftArns = new LinkedHashMap<>();
        Map<String, Output<String>> deployArns = new LinkedHashMap<>();
        for (String env : c.environments()) {
            planArns.put(env, role(c, env + "-plan",
                    "Read-only pulumi preview of stack " + env + " from pull requests of " + c.githubRepository(),
                    providerArn, List.of(c.pullRequestSubject()), READ_SESSION_SECONDS,
                    scope, sc -> PolicyDocuments.readOnlyPolicy(sc, env)));
            driftArns.put(env, role(c, env + "-drift",
                    "Read-only drift detection (refresh --preview-only) of stack " + env + " from "
                            + c.defaultBranch() + " of " + c.githubRepository(),
                    providerArn, List.of(c.defaultBranchSubject()), READ_SESSION_SECONDS,
                    scope, sc -> PolicyDocuments.readOnlyPolicy(sc, env)));
            deployArns.put(env, role(c, env + "-deploy",
                    "pulumi up/destroy of stack " + env + " from GitHub environment " + env + " of "
                            + c.githubRepository(),
                    providerArn, List.of(c.environmentSubject(env)), DEPLOY_SESSION_SECONDS,
                    scope, sc -> PolicyDocuments.deployPolicy(sc, env)));
        }
        Output<String> imageRoleArn = role(c, "image-publisher",
                "Push of the agent image from " + c.defaultBranch() + " of " + c.githubRepository(),
                providerArn, List.of(c.defaultBranchSubject()), READ_SESSION_SECONDS,
                scope, PolicyDocuments::imagePublisherPolicy);
        Output<String> previewRoleArn = role(c, c.previewEnvironment() + "-deploy",
                "Ephemeral pr-<n> stacks on the " + c.previewBaseEnvironment() + " cluster from GitHub environment "
                        + c.previewEnvironment() + " of " + c.githubRepository(),
                providerArn, List.of(c.environmentSubject(c.previewEnvironment())), DEPLOY_SESSION_SECONDS,
                scope, PolicyDocuments::previewPolicy);

        // --- Outputs.
        ctx.export("oidcProviderArn", providerArn);
        ctx.export("planRoleArns", outputMap(planArns));
        ctx.export("driftRoleArns", outputMap(driftArns));
        ctx.export("deployRoleArns", outputMap(deployArns));
        ctx.export("imagePublisherRoleArn", imageRoleArn);
        ctx.export("previewRoleArn", previewRoleArn);
        ctx.export("ecrRepositoryUrl", repository.repositoryUrl());
        ctx.export("ecrRepositoryName", repository.name());
        ctx.export("ecrKmsKeyArn", ecrKey.arn());

        Map<String, Output<String>> vars = new LinkedHashMap<>();
        vars.put("AWS_REGION", Output.of(c.homeRegion()));
        for (String env : c.environments()) {
            String suffix = env.toUpperCase(Locale.ROOT).replace('-', '_');
            vars.put("AWS_PLAN_ROLE_ARN_" + suffix, planArns.get(env));
            vars.put("AWS_DRIFT_ROLE_ARN_" + suffix, driftArns.get(env));
            vars.put("AWS_DEPLOY_ROLE_ARN_" + suffix, deployArns.get(env));
        }
        vars.put("AWS_IMAGE_ROLE_ARN", imageRoleArn);
        vars.put("AWS_PREVIEW_ROLE_ARN", previewRoleArn);
        vars.put("ECR_REPOSITORY", repository.name());
        if (bucket.isPresent()) {
            BucketV2 b = bucket.get();
            Alias alias = stateAlias.orElseThrow();
            Output<String> backendUrl = b.bucket().applyValue(n -> "s3://" + n + "?region=" + c.homeRegion());
            Output<String> secretsProvider = alias.name()
                    .applyValue(a -> "awskms://" + a + "?region=" + c.homeRegion());
            ctx.export("stateBucketName", b.bucket());
            ctx.export("stateKmsKeyArn", stateKey.orElseThrow().arn());
            ctx.export("pulumiBackendUrl", backendUrl);
            ctx.export("pulumiSecretsProvider", secretsProvider);
            vars.put("PULUMI_BACKEND_URL", backendUrl);
            vars.put("PULUMI_SECRETS_PROVIDER", secretsProvider);
        }
        ctx.export("githubVariables", outputMap(vars));
    }

    private static Output<String> role(BootstrapConfig c, String suffix, String description,
                                       Output<String> providerArn, List<String> subjects, int sessionSeconds,
                                       Output<PolicyDocuments.Scope> scope,
                                       Function<PolicyDocuments.Scope, String> policy) {
        String name = c.platformProject() + "-" + suffix;
        var role = new Role(name, RoleArgs.builder()
                .name(name)
                .path(c.ciIamPath())
                .description(description)
                .maxSessionDuration(sessionSeconds)
                .assumeRolePolicy(providerArn.applyValue(arn -> PolicyDocuments.githubTrustPolicy(arn, subjects)))
                .build());
        new RolePolicy(name, RolePolicyArgs.builder()
                .role(role.id())
                .name(name)
                .policy(scope.applyValue(policy::apply))
                .build());
        return role.arn();
    }

    /** Turns a map of outputs into one output of a map, keeping key order. */
    static Output<Map<String, String>> outputMap(Map<String, Output<String>> in) {
        List<String> keys = new ArrayList<>(in.keySet());
        return Output.all(new ArrayList<>(in.values())).applyValue(values -> {
            Map<String, String> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), values.get(i));
            }
            return out;
        });
    }
}

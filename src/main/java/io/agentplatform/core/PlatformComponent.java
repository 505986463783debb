package io.agentplatform.core;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Alias;
import com.pulumi.aws.kms.AliasArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Base of every component of the platform: it owns a name from {@link Naming}, tags its AWS resources with the
 * standard tags and is the parent of everything it creates.
 */
public abstract class PlatformComponent extends ComponentResource {
    /** Type tokens of the auto-named children whose names the naming rule fits (see {@link #name(String, String)}). */
    protected static final String ROLE = "aws:iam/role:Role";
    protected static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    private final String component;
    private final PlatformContext platform;

    /**
     * @param type      type token such as {@code agent-platform:aws:Network}
     * @param component short component name used in names and the {@code component} tag, e.g. {@code network}
     */
    protected PlatformComponent(String type, String component, PlatformContext platform, ComponentResourceOptions options) {
        super(type, platform.naming().component(component), options);
        this.component = component;
        this.platform = platform;
    }

    /** Logical (and, through auto-naming, physical) name of a child: {@code <project>-<stack>-<component>-<part>}. */
    protected String name(String part) {
        return platform.naming().of(component, part);
    }

    /**
     * The logical name of a child the provider auto-names, under the program's one naming rule: {@link #name} when
     * it plus the provider's random suffix fits the type's limit (from {@link NameRules}), otherwise cut to fit and
     * ended with a short hash of the full name ({@link Naming#fit}), so it stays stable, readable and unique.
     */
    protected String name(String part, String awsType) {
        return Naming.fit(name(part), NameRules.table().logicalNameBudget(awsType));
    }

    /**
     * Options for a child named with {@link #name(String, String)}: when the rule shortened the name, an alias to the
     * full name keeps a resource that was deployed under it instead of replacing it.
     */
    protected CustomResourceOptions.Builder childBuilder(String part, String awsType) {
        CustomResourceOptions.Builder options = childBuilder();
        if (!name(part, awsType).equals(name(part))) {
            options.aliases(com.pulumi.core.Alias.builder().name(name(part)).build());
        }
        return options;
    }

    /**
     * Options for a role whose ARN something running cannot switch away from (an EKS cluster's role, the role of
     * running nodes): the path is part of the ARN and a new path replaces the role, so a role made under the former
     * shared IAM path stays there; new stacks make it under {@link #iamPath()}.
     */
    protected CustomResourceOptions roleKeptOnItsPath(String part) {
        return childBuilder(part, ROLE).ignoreChanges(List.of("path")).build();
    }

    protected String componentName() {
        return platform.naming().component(component);
    }

    protected Map<String, String> tags() {
        return platform.tags().forComponent(component);
    }

    protected Map<String, String> tags(String namePart) {
        return platform.tags().named(component, name(namePart));
    }

    /** IAM path for the component's roles and policies; see {@link Naming#iamPath()}. */
    protected String iamPath() {
        return platform.naming().iamPath();
    }

    protected PlatformContext platform() {
        return platform;
    }

    /** Options for a child: parented to this component, so it inherits its provider and shows under it. */
    protected CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    protected CustomResourceOptions.Builder childBuilder() {
        return CustomResourceOptions.builder().parent(this);
    }

    /** The account of the AWS provider this component deploys with. */
    protected Output<String> accountId() {
        return AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.Empty, InvokeOptions.builder().parent(this).build())
                .applyValue(id -> id.accountId());
    }

    /** The region of the stack's AWS provider, from the {@link PlatformContext} (the one place it is carried). */
    protected String region() {
        return platform.requireAwsRegion(componentName());
    }

    /**
     * A customer-managed KMS key with yearly rotation, a 30-day deletion window and an alias. Every key of the
     * platform comes from here, so none can be created without rotation.
     *
     * @param policy key policy, or empty for the account-default policy
     * @param keep   protect the key and keep it when the stack is destroyed (data encrypted with it outlives the stack)
     */
    protected Key encryptionKey(String part, String description, Optional<Output<String>> policy, boolean keep,
                                String alias) {
        return encryptionKey(part, description, policy, keep, keep, alias);
    }

    /**
     * As above, with Pulumi {@code protect} and retain-on-delete apart: a stack may be destroyable (no protect) and
     * still leave data behind that needs the key (a final snapshot).
     */
    protected Key encryptionKey(String part, String description, Optional<Output<String>> policy, boolean protect,
                                boolean retainOnDelete, String alias) {
        return encryptionKey(part, description, policy, protect, retainOnDelete, alias, Optional.empty());
    }

    /** As above, created through {@code provider} (a key in another region, e.g. for a backup copy there). */
    protected Key encryptionKey(String part, String description, Optional<Output<String>> policy, boolean protect,
                                boolean retainOnDelete, String alias, Optional<ProviderResource> provider) {
        KeyArgs.Builder args = KeyArgs.builder()
                .description(description)
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .tags(tags());
        policy.ifPresent(args::policy);
        CustomResourceOptions.Builder keyOptions = childBuilder().protect(protect).retainOnDelete(retainOnDelete);
        CustomResourceOptions.Builder aliasOptions = childBuilder();
        provider.ifPresent(p -> {
            keyOptions.provider(p);
            aliasOptions.provider(p);
        });
        Key key = new Key(name(part), args.build(), keyOptions.build());
        new Alias(name(part + "-alias"), AliasArgs.builder()
                .name("alias/" + alias)
                .targetKeyId(key.keyId())
                .build(), aliasOptions.build());
        return key;
    }

    /**
     * An IAM role only the named service account of the cluster can assume (IRSA: the cluster's OIDC provider, the
     * {@code system:serviceaccount:<namespace>:<name>} subject and the STS audience), with one managed policy.
     * Children {@code <part>-role} and {@code <part>-policy}.
     */
    protected Role serviceAccountRole(String part, Output<String> oidcProviderArn, Output<String> oidcIssuerUrl,
                                      String namespace, String serviceAccount, Output<String> policyArn) {
        Role role = new Role(name(part + "-role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .assumeRolePolicy(PolicyDocument.create()
                        .trustServiceAccount(oidcProviderArn, oidcIssuerUrl, namespace, serviceAccount)
                        .toJson())
                .description("IRSA role of " + namespace + "/" + serviceAccount)
                .tags(tags())
                .build(), childBuilder(part + "-role", ROLE).build());
        new RolePolicyAttachment(name(part + "-policy"), RolePolicyAttachmentArgs.builder()
                .role(role.name()).policyArn(policyArn).build(), child());
        return role;
    }
}

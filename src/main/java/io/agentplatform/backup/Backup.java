package io.agentplatform.backup;

import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.backup.Plan;
import com.pulumi.aws.backup.PlanArgs;
import com.pulumi.aws.backup.Selection;
import com.pulumi.aws.backup.SelectionArgs;
import com.pulumi.aws.backup.Vault;
import com.pulumi.aws.backup.VaultArgs;
import com.pulumi.aws.backup.VaultLockConfiguration;
import com.pulumi.aws.backup.VaultLockConfigurationArgs;
import com.pulumi.aws.backup.inputs.PlanRuleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionArgs;
import com.pulumi.aws.backup.inputs.PlanRuleCopyActionLifecycleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleLifecycleArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import io.agentplatform.config.BackupSettings;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** AWS Backup of the stack's stateful resources. See the package documentation. */
public final class Backup extends PlatformComponent {
    public static final String TYPE = "agent-platform:aws:Backup";
    static final String VAULT = "aws:backup/vault:Vault";
    static final String PLAN = "aws:backup/plan:Plan";
    static final String SELECTION = "aws:backup/selection:Selection";
    /** Backup vault names: 2-50 letters, digits, - and _ (CreateBackupVault). */
    static final int MAX_VAULT_NAME = 50;
    /** AWS-managed policies of the AWS Backup service role: RDS, EBS and the rest, and S3 (which has its own). */
    static final Map<String, String> SERVICE_POLICIES = new java.util.TreeMap<>(Map.of(
            "role-backup", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
            "role-restores", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            "role-s3-backup", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
            "role-s3-restore", "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore"));
    /** Minutes a job may wait to start, and to finish; completion must exceed start by at least 60. */
    static final int START_WINDOW_MINUTES = 60;
    static final int COMPLETION_WINDOW_MINUTES = 300;

    private final Output<String> vaultName;

    public Backup(BackupArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "backup", platform, options);
        BackupSettings s = args.settings();

        Vault vault = vault("vault", "kms", componentName(), s, Optional.empty());
        // The copy lives in another region through its own provider, with its own key and vault there.
        Optional<Vault> copy = s.copyRegion().map(region -> {
            Provider provider = new Provider(name("copy-provider"), ProviderArgs.builder().region(region).build(), child());
            return vault("copy-vault", "copy-kms", componentName() + "-copy", s, Optional.of(provider));
        });

        Role role = new Role(name("role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .description("AWS Backup backs up and restores the stateful resources of " + platform.naming().prefix())
                .assumeRolePolicy(PolicyDocument.create().trustService("backup.amazonaws.com").toJson())
                .tags(tags())
                .build(), childBuilder("role", ROLE).build());
        List<Resource> rolePolicies = new ArrayList<>();
        SERVICE_POLICIES.forEach((part, policy) -> rolePolicies.add(new RolePolicyAttachment(name(part),
                RolePolicyAttachmentArgs.builder().role(role.name()).policyArn(policy).build(), child())));

        List<PlanRuleArgs> rules = new ArrayList<>();
        s.rules().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            PlanRuleArgs.Builder rule = PlanRuleArgs.builder()
                    .ruleName(e.getKey())
                    .targetVaultName(vault.name())
                    .schedule(e.getValue().frequency().schedule())
                    .startWindow(START_WINDOW_MINUTES)
                    .completionWindow(COMPLETION_WINDOW_MINUTES)
                    .lifecycle(PlanRuleLifecycleArgs.builder().deleteAfter(e.getValue().retentionDays()).build())
                    .recoveryPointTags(tags());
            copy.ifPresent(c -> rule.copyActions(PlanRuleCopyActionArgs.builder()
                    .destinationVaultArn(c.arn())
                    .lifecycle(PlanRuleCopyActionLifecycleArgs.builder().deleteAfter(e.getValue().retentionDays()).build())
                    .build()));
            rules.add(rule.build());
        });
        Plan plan = new Plan(name("plan", PLAN), PlanArgs.builder()
                .rules(rules)
                .tags(tags())
                .build(), childBuilder("plan", PLAN).build());

        // AWS Backup checks the role's permissions when it accepts the selection.
        new Selection(name("selection", SELECTION), SelectionArgs.builder()
                .planId(plan.id())
                .iamRoleArn(role.arn())
                .resources(Output.all(args.selectedArns()))
                .build(), childBuilder("selection", SELECTION).dependsOn(rolePolicies).build());

        this.vaultName = vault.name();
        registerOutputs(Map.of("vaultName", vaultName, "planId", plan.id()));
    }

    /** The primary vault's name, for the runbook's commands. */
    public Output<String> vaultName() {
        return vaultName;
    }

    /**
     * A vault with its own customer-managed key, named {@code <project>-<stack>-backup[-copy]-vault} within the 50
     * characters AWS allows, and the vault lock where config sets one. Where recovery points outlive a destroy the
     * vault and its key are retained; otherwise the vault is emptied on delete (forceDestroy).
     */
    private Vault vault(String part, String keyPart, String alias, BackupSettings s, Optional<ProviderResource> provider) {
        Key key = encryptionKey(keyPart, "Encrypts the recovery points in " + name(part), Optional.empty(), s.protect(),
                s.keepRecoveryPoints() || s.protect(), alias, provider);
        CustomResourceOptions.Builder vaultOptions = childBuilder().protect(s.protect()).retainOnDelete(s.keepRecoveryPoints());
        provider.ifPresent(vaultOptions::provider);
        Vault vault = new Vault(name(part), VaultArgs.builder()
                .name(Naming.fit(name(part), MAX_VAULT_NAME))
                .kmsKeyArn(key.arn())
                .forceDestroy(!s.keepRecoveryPoints())
                .tags(tags(part))
                .build(), vaultOptions.build());
        s.vaultLock().ifPresent(lock -> {
            VaultLockConfigurationArgs.Builder lockArgs = VaultLockConfigurationArgs.builder()
                    .backupVaultName(vault.name())
                    .minRetentionDays(lock.minRetentionDays())
                    .maxRetentionDays(lock.maxRetentionDays());
            lock.changeableForDays().ifPresent(lockArgs::changeableForDays);
            CustomResourceOptions.Builder lockOptions = childBuilder().protect(s.protect());
            provider.ifPresent(lockOptions::provider);
            new VaultLockConfiguration(name(part + "-lock"), lockArgs.build(), lockOptions.build());
        });
        return vault;
    }
}

package io.agentplatform.backup;

import com.pulumi.core.Output;
import io.agentplatform.config.BackupSettings;

import java.util.List;

/**
 * Inputs of {@link Backup}. Every default lives in {@link BackupSettings}; the component adds fixed choices: jobs
 * start within an hour and finish within five (so six-hourly jobs never overlap), recovery points carry the
 * standard tags, copies are kept as long as their source.
 *
 * @param settings     rules, copy region, vault lock and what outlives a destroy, from config
 * @param selectedArns every stateful resource of the stack AWS Backup can back up (the RDS instance, S3 buckets)
 */
public record BackupArgs(BackupSettings settings, List<Output<String>> selectedArns) {
    public BackupArgs {
        selectedArns = List.copyOf(selectedArns);
    }
}

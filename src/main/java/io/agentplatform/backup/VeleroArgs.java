package io.agentplatform.backup;

import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.VeleroSettings;

import java.util.List;

/**
 * Inputs of {@link Velero}. Defaults live in {@link VeleroSettings}; the component fixes the chart, Velero and
 * plugin versions, objects in S3 and volumes as EBS snapshots in the stack's region.
 *
 * @param settings   schedule, retention and namespaces from config
 * @param keep       the bucket (and the backups in it) outlives {@code pulumi destroy} ({@code backup.keepRecoveryPoints})
 * @param protect    Pulumi {@code protect} on the bucket ({@code backup.protect})
 * @param irsa       the cluster's OIDC provider, which Velero's role trusts
 * @param podsCanRun what the release waits for before its pods can start
 */
public record VeleroArgs(VeleroSettings settings, boolean keep, boolean protect, IrsaIssuer irsa,
                         List<Resource> podsCanRun) {
    public VeleroArgs {
        podsCanRun = List.copyOf(podsCanRun);
    }
}

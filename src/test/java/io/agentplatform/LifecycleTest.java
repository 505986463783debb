package io.agentplatform;

import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dev goes away with one `pulumi destroy`; production refuses to lose data by accident. */
class LifecycleTest {
    static final Set<String> STATEFUL = Set.of("aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup",
            "aws:eks/cluster:Cluster", "aws:kms/key:Key", "aws:s3/bucketV2:BucketV2");

    @Test
    void devHasNoProtectedResourceNoDeletionProtectionAndSkipsFinalSnapshots() {
        Plan dev = StackPlans.dev();
        assertEquals(List.of(), dev.matching(r -> r.options().protect() || r.options().retainOnDelete())
                .stream().map(PlannedResource::urn).toList());
        for (PlannedResource db : dev.ofType("aws:rds/instance:Instance")) {
            assertFalse(db.input("deletionProtection").asBoolean());
            assertTrue(db.input("skipFinalSnapshot").asBoolean());
        }
    }

    @Test
    void everyStatefulProductionResourceIsProtectedAndKeysAreKept() {
        Plan production = StackPlans.production();
        List<PlannedResource> stateful = production.matching(r -> STATEFUL.contains(r.type()));
        assertTrue(stateful.size() >= 8, "database, cache, cluster, bucket and their keys: " + stateful.size());
        for (PlannedResource r : stateful) {
            assertTrue(r.options().protect(), r.urn());
            if (r.type().equals("aws:kms/key:Key")) {
                assertTrue(r.options().retainOnDelete(), "KMS keys outlive the stack: " + r.urn());
            }
        }
        PlannedResource db = production.ofType("aws:rds/instance:Instance").get(0);
        assertTrue(db.input("deletionProtection").asBoolean());
        assertFalse(db.input("skipFinalSnapshot").asBoolean());
        assertFalse(db.input("finalSnapshotIdentifier").asText().isEmpty());
    }
}

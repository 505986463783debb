package io.agentplatform.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentplatform.StackPlans;
import io.agentplatform.TestStacks;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WHEN a copy of the committed dev stack file sets database.restoreFromSnapshot THEN the plan creates the instance
 * from that snapshot.
 */
class RestoreFromSnapshotPlanTest {
    static final String SNAPSHOT = "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";
    static Plan restored;

    @BeforeAll
    static void plan() {
        restored = TestStacks.of("dev").with("database.restoreFromSnapshot", SNAPSHOT).plan();
    }

    static PlannedResource instance(Plan plan) {
        List<PlannedResource> instances = plan.ofType("aws:rds/instance:Instance");
        assertEquals(1, instances.size());
        return instances.get(0);
    }

    @Test
    void theInstanceIsCreatedFromTheSnapshot() {
        assertEquals(SNAPSHOT, instance(restored).input("snapshotIdentifier").asText());
    }

    @Test
    void theSnapshotBringsTheDatabaseNameMasterUserAndStorageKey() {
        JsonNode inputs = instance(restored).inputs();
        for (String fromSnapshot : List.of("dbName", "username", "kmsKeyId")) {
            assertTrue(inputs.path(fromSnapshot).isMissingNode(), fromSnapshot + " is not sent on a restore: " + inputs);
        }
        assertTrue(instance(restored).input("storageEncrypted").asBoolean());
    }

    @Test
    void everythingElseOfTheInstanceIsAsInTheCommittedStack() {
        ObjectNode committed = instance(StackPlans.dev()).inputs().deepCopy();
        ObjectNode restore = instance(restored).inputs().deepCopy();
        committed.remove(List.of("dbName", "username", "kmsKeyId"));
        restore.remove("snapshotIdentifier");
        assertEquals(committed, restore);
    }

    @Test
    void theCommittedStackCreatesAnEmptyInstanceWithItsOwnKey() {
        JsonNode inputs = instance(StackPlans.dev()).inputs();
        assertTrue(inputs.path("snapshotIdentifier").isMissingNode());
        assertTrue(inputs.path("kmsKeyId").asText().startsWith("arn:aws:kms:"));
    }

    @Test
    void theRestoredInstanceIsStillSelectedForBackup() {
        PlannedResource selection = restored.ofType("aws:backup/selection:Selection").get(0);
        assertTrue(selection.dependsOn(instance(restored).urn()));
    }
}

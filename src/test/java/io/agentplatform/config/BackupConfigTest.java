package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentplatform.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.agentplatform.config.BrokenConfigTest.broken;
import static io.agentplatform.config.BrokenConfigTest.section;
import static io.agentplatform.config.CiAccessConfigTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backup, velero and database.restoreFromSnapshot settings refuse what AWS would refuse, all at once. */
class BackupConfigTest {
    static ObjectNode lock(Map<String, JsonNode> raw) {
        return (ObjectNode) section(raw, "backup").get("vaultLock");
    }

    @Test
    void productionWithoutCopyRegionOrVaultLockIsRefusedNamingBoth() {
        InvalidConfigException e = broken("production", r -> section(r, "backup").remove(List.of("copyRegion", "vaultLock")));
        assertProblem(e, "agent-platform:backup.copyRegion", "copies every recovery point to a second region");
        assertProblem(e, "agent-platform:backup.vaultLock", "locks its vaults");
    }

    @Test
    void theCopyRegionMustDifferFromTheStacksRegion() {
        InvalidConfigException e = broken("production", r -> section(r, "backup").put("copyRegion", "eu-west-1"));
        assertProblem(e, "agent-platform:backup.copyRegion", "'eu-west-1'");
        assertProblem(e, "agent-platform:backup.copyRegion", "must differ from aws:region");
    }

    @Test
    void complianceModeNeedsACoolingOffPeriodOfAtLeastThreeDays() {
        assertProblem(broken("production", r -> lock(r).remove("changeableForDays")),
                "agent-platform:backup.vaultLock.changeableForDays", "compliance mode needs a cooling-off period");
        assertProblem(broken("production", r -> lock(r).put("changeableForDays", 2)),
                "agent-platform:backup.vaultLock.changeableForDays", "must be from 3 to 36500");
    }

    @Test
    void governanceModeHasNoCoolingOffPeriod() {
        assertProblem(broken("staging", r -> lock(r).put("changeableForDays", 7)),
                "agent-platform:backup.vaultLock.changeableForDays", "only applies to mode: compliance");
    }

    @Test
    void everyRulesRetentionLiesWithinTheLocksBoundsAndEveryProblemIsReportedAtOnce() {
        InvalidConfigException e = broken("production", r -> {
            lock(r).put("maxRetentionDays", 100);
            section(r, "backup").put("copyRegion", "eu-west-1");
        });
        assertProblem(e, "agent-platform:backup.rules.monthly.retentionDays", "[7, 100]");
        assertProblem(e, "agent-platform:backup.copyRegion", "must differ");
    }

    @Test
    void aLockedVaultKeepsItsRecoveryPointsOnDestroy() {
        assertProblem(broken("staging", r -> section(r, "backup").put("keepRecoveryPoints", false)),
                "agent-platform:backup.keepRecoveryPoints", "a locked vault refuses to delete recovery points");
    }

    @Test
    void unknownFrequenciesAndBadRuleNamesAreRefused() {
        InvalidConfigException e = broken("dev", r -> {
            ObjectNode rules = (ObjectNode) section(r, "backup").get("rules");
            ((ObjectNode) rules.get("daily")).put("frequency", "hourly");
            rules.putObject("every day!").put("frequency", "daily");
        });
        assertProblem(e, "agent-platform:backup.rules.daily.frequency", "must be one of sixHourly, daily, weekly, monthly");
        assertProblem(e, "agent-platform:backup.rules.every day!", "1-50 letters, digits or -_.");
    }

    @Test
    void veleroRefusesABrokenScheduleAndNamespace() {
        InvalidConfigException e = broken("staging", r -> {
            section(r, "velero").put("schedule", "every 6 hours");
            section(r, "velero").putArray("namespaces").add("Agent");
        });
        assertProblem(e, "agent-platform:velero.schedule", "five-field cron expression");
        assertProblem(e, "agent-platform:velero.namespaces", "'Agent'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"backup", "velero"})
    void stacksWithoutAnAwsPlatformRefuseBackupSettings(String section) {
        InvalidConfigException e = broken("local", r -> r.put("agent-platform:" + section,
                JsonNodeFactory.instance.objectNode().put("keepRecoveryPoints", true)));
        assertProblem(e, "agent-platform:" + section, "only platform stacks");
    }

    @Test
    void devDefaultsBackUpDailyForAWeekWithoutLockOrCopy() {
        BackupSettings dev = TestStacks.of("dev").without("backup").config().requireAws().backup();
        assertEquals(Map.of("daily", new BackupSettings.Rule(BackupSettings.Frequency.DAILY, 7)), dev.rules());
        assertTrue(dev.copyRegion().isEmpty() && dev.vaultLock().isEmpty() && !dev.keepRecoveryPoints() && !dev.protect());
    }

    // ------------------------------------------------------------ database.restoreFromSnapshot

    @ParameterizedTest
    @ValueSource(strings = {"agent-platform-production-postgres-final", "rds:agent-platform-production-postgres-2026-11-30-02-10",
            "awsbackup:job-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
            "arn:aws:rds:eu-west-1:123456789012:snapshot:agent-platform-production-postgres-final"})
    void aSnapshotIdAnAutomatedSnapshotARecoveryPointOrAnArnInTheRegionIsAccepted(String snapshot) {
        PlatformConfig config = TestStacks.of("dev").with("database.restoreFromSnapshot", snapshot).config();
        assertEquals(snapshot, config.requireAws().database().restoreFromSnapshot().orElseThrow());
    }

    @Test
    void aMalformedSnapshotAnotherRegionsSnapshotAndNamesTheSnapshotBringAreAllRefusedAtOnce() {
        InvalidConfigException malformed = broken("dev", r -> section(r, "database").put("restoreFromSnapshot", "snap--1"));
        assertProblem(malformed, "agent-platform:database.restoreFromSnapshot", "'snap--1'");
        assertProblem(malformed, "agent-platform:database.restoreFromSnapshot", "must be a DB snapshot id");

        InvalidConfigException conflicting = broken("dev", r -> {
            section(r, "database").put("restoreFromSnapshot",
                    "arn:aws:rds:eu-central-1:123456789012:snapshot:agent-platform-production-postgres-final");
            section(r, "database").put("databaseName", "agent").put("masterUsername", "dba");
        });
        assertProblem(conflicting, "agent-platform:database.restoreFromSnapshot", "RDS restores only from a snapshot in its own region");
        assertProblem(conflicting, "agent-platform:database.databaseName", "cannot be set together with agent-platform:database.restoreFromSnapshot");
        assertProblem(conflicting, "agent-platform:database.masterUsername", "keeps the snapshot's database name and master user");
    }

    @Test
    void restoreFromSnapshotIsReadOnlyFromTheDatabaseSection() {
        assertProblem(broken("dev", r -> section(r, "cache").set("restoreFromSnapshot", TextNode.valueOf("x"))),
                "agent-platform:cache.restoreFromSnapshot", "is not a setting of agent-platform:cache");
    }
}

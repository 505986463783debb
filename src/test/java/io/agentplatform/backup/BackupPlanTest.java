package io.agentplatform.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.config.BackupSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS Backup of every platform stack, read from the offline plans of the committed stack files. */
class BackupPlanTest {
    static final String VAULT = "aws:backup/vault:Vault";
    static final String PLAN = "aws:backup/plan:Plan";
    static final String SELECTION = "aws:backup/selection:Selection";
    static final String LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
    static final String PROVIDER = "pulumi:providers:aws";

    static PlannedResource single(Plan plan, String type) {
        List<PlannedResource> found = plan.ofType(type);
        assertEquals(1, found.size(), type + " in " + plan.stack());
        return found.get(0);
    }

    static PlannedResource vaultNamed(Plan plan, String suffix) {
        return plan.ofType(VAULT).stream().filter(v -> v.name().endsWith(suffix)).findFirst().orElseThrow();
    }

    /** The region of the AWS provider a resource is created with. */
    static String regionOf(Plan plan, PlannedResource r) {
        return plan.ofType(PROVIDER).stream().filter(p -> r.provider() != null && r.provider().startsWith(p.urn()))
                .map(p -> p.input("region").asText()).findFirst().orElseThrow(() -> new AssertionError(r.urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyPlatformStackHasAVaultWithItsOwnKeyAPlanIntoItAndASelection(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource vault = vaultNamed(plan, "backup-vault");
        assertTrue(vault.input("kmsKeyArn").asText().startsWith("arn:aws:kms:"), vault.urn());
        assertTrue(plan.ofType("aws:kms/key:Key").stream().anyMatch(k -> vault.dependsOn(k.urn())
                && k.parent().equals(vault.parent()) && k.input("enableKeyRotation").asBoolean()),
                "the vault's key is the backup component's own, rotated");
        PlannedResource backupPlan = single(plan, PLAN);
        assertFalse(backupPlan.input("rules").isEmpty());
        for (JsonNode rule : backupPlan.input("rules")) {
            assertEquals(vault.input("name").asText(), rule.path("targetVaultName").asText());
        }
        PlannedResource selection = single(plan, SELECTION);
        assertTrue(selection.dependsOn(backupPlan.urn()));
        assertTrue(selection.input("iamRoleArn").asText().contains(":role/"), "the program's own role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void rulesFollowTheStackFilesFrequencyAndRetention(String stack) {
        BackupSettings settings = StackPlans.config(stack).requireAws().backup();
        Map<String, String> expected = new TreeMap<>();
        settings.rules().forEach((name, rule) -> expected.put(name, rule.frequency().schedule() + " " + rule.retentionDays()));
        Map<String, String> planned = new TreeMap<>();
        single(StackPlans.of(stack), PLAN).input("rules").forEach(r -> planned.put(r.path("ruleName").asText(),
                r.path("schedule").asText() + " " + r.path("lifecycle").path("deleteAfter").asInt()));
        assertEquals(expected, planned);
    }

    @Test
    void productionBacksUpEverySixHoursAndDailyFor35DaysAndMonthlyForAYear() {
        Map<String, String> planned = new TreeMap<>();
        single(StackPlans.production(), PLAN).input("rules").forEach(r -> planned.put(r.path("ruleName").asText(),
                r.path("schedule").asText() + " " + r.path("lifecycle").path("deleteAfter").asInt()));
        assertEquals(Map.of("sixHourly", "cron(0 5/6 * * ? *) 35", "daily", "cron(0 5 * * ? *) 35",
                "monthly", "cron(0 5 1 * ? *) 365"), planned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theSelectionNamesTheDatabaseAndEveryBucketOfTheStack(String stack) {
        Plan plan = StackPlans.of(stack);
        List<PlannedResource> stateful = new ArrayList<>(plan.ofType("aws:rds/instance:Instance"));
        stateful.addAll(plan.ofType("aws:s3/bucketV2:BucketV2"));
        PlannedResource selection = single(plan, SELECTION);
        assertEquals(stateful.size(), selection.input("resources").size(), selection.input("resources").toString());
        for (PlannedResource r : stateful) {
            assertTrue(selection.dependsOn(r.urn()), "the selection takes its ARN: " + r.urn());
        }
        assertTrue(selection.input("resources").get(0).asText().startsWith("arn:aws:rds:"));
    }

    @Test
    void productionCopiesEveryRecoveryPointToAVaultInTheSecondRegionWithItsOwnKey() {
        Plan plan = StackPlans.production();
        PlannedResource primary = vaultNamed(plan, "backup-vault");
        PlannedResource copy = vaultNamed(plan, "backup-copy-vault");
        String copyRegion = StackPlans.config("production").requireAws().backup().copyRegion().orElseThrow();
        assertEquals("eu-central-1", copyRegion);
        assertEquals(copyRegion, regionOf(plan, copy));
        assertEquals("eu-west-1", regionOf(plan, primary));
        PlannedResource copyKey = plan.ofType("aws:kms/key:Key").stream().filter(k -> copy.dependsOn(k.urn()))
                .findFirst().orElseThrow();
        assertEquals(copyRegion, regionOf(plan, copyKey));
        PlannedResource backupPlan = single(plan, PLAN);
        assertTrue(backupPlan.dependsOn(copy.urn()), "the copy actions take the copy vault's ARN");
        for (JsonNode rule : backupPlan.input("rules")) {
            assertEquals(1, rule.path("copyActions").size(), rule.toString());
            assertTrue(rule.path("copyActions").path(0).path("destinationVaultArn").asText().startsWith("arn:aws:backup:"));
            assertEquals(rule.path("lifecycle").path("deleteAfter"),
                    rule.path("copyActions").path(0).path("lifecycle").path("deleteAfter"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging"})
    void devAndStagingKeepTheirRecoveryPointsInTheirOwnRegionOnly(String stack) {
        Plan plan = StackPlans.of(stack);
        assertEquals(1, plan.ofType(VAULT).size());
        single(plan, PLAN).input("rules").forEach(r -> assertTrue(r.path("copyActions").isEmpty()
                || r.path("copyActions").isMissingNode(), r.toString()));
    }

    @Test
    void productionLocksBothVaultsInComplianceModeWithACoolingOffPeriod() {
        Plan plan = StackPlans.production();
        List<PlannedResource> locks = plan.ofType(LOCK);
        assertEquals(2, locks.size());
        for (PlannedResource lock : locks) {
            assertEquals(7, lock.input("changeableForDays").asInt(), "compliance, undoable for a week");
            assertEquals(7, lock.input("minRetentionDays").asInt());
            assertEquals(400, lock.input("maxRetentionDays").asInt());
            assertTrue(lock.options().protect(), lock.urn());
        }
        assertEquals(List.of("agent-platform-production-backup-copy-vault", "agent-platform-production-backup-vault"),
                locks.stream().map(l -> l.input("backupVaultName").asText()).sorted().toList());
    }

    @Test
    void stagingLocksItsVaultInGovernanceModeWhichHasNoCoolingOffPeriod() {
        PlannedResource lock = single(StackPlans.staging(), LOCK);
        assertTrue(lock.input("changeableForDays").isMissingNode(), "governance: no changeableForDays");
        assertEquals(35, lock.input("maxRetentionDays").asInt());
    }

    @Test
    void devHasNoVaultLock() {
        assertEquals(List.of(), StackPlans.dev().ofType(LOCK));
    }

    @Test
    void devRecoveryPointsGoWithTheStackWhileStagingKeepsThemAndProductionProtectsThem() {
        PlannedResource dev = vaultNamed(StackPlans.dev(), "backup-vault");
        assertTrue(dev.input("forceDestroy").asBoolean());
        assertFalse(dev.options().retainOnDelete() || dev.options().protect());

        PlannedResource staging = vaultNamed(StackPlans.staging(), "backup-vault");
        assertFalse(staging.input("forceDestroy").asBoolean());
        assertTrue(staging.options().retainOnDelete(), "staging's config keeps its recovery points");
        assertFalse(staging.options().protect(), "but staging stays destroyable");

        Plan production = StackPlans.production();
        for (PlannedResource vault : production.ofType(VAULT)) {
            assertFalse(vault.input("forceDestroy").asBoolean());
            assertTrue(vault.options().protect() && vault.options().retainOnDelete(), vault.urn());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theBackupRoleIsAssumedByAwsBackupAndHoldsTheServicePolicies(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource role = plan.ofType("aws:iam/role:Role").stream().filter(r -> r.name().endsWith("-backup-role"))
                .findFirst().orElseThrow();
        assertTrue(role.input("assumeRolePolicy").asText().contains("backup.amazonaws.com"));
        assertEquals("/" + plan.project() + "/" + stack + "/", role.input("path").asText(), "its stack's own IAM path");
        List<String> attached = plan.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").stream()
                .filter(a -> a.parent().equals(role.parent())).map(a -> a.input("policyArn").asText()).sorted().toList();
        assertEquals(List.of("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup",
                "arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores"), attached);
        assertTrue(single(plan, SELECTION).options().dependsOn().size() >= 4, "the selection waits for the role's policies");
    }

    @Test
    void productionsLogArchiveKeepsAYear() {
        PlannedResource loki = StackPlans.production().ofType("kubernetes:helm.sh/v3:Release").stream()
                .filter(r -> r.name().endsWith("-loki")).findFirst().orElseThrow();
        assertEquals("8760h", loki.input("values").path("loki").path("limits_config").path("retention_period").asText());
        assertTrue(loki.input("values").path("loki").path("storage").path("type").asText().equals("s3"));
    }
}

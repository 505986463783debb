package io.agentplatform.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff of two small hand-made plans, as a reviewer reads it in a pull-request comment. */
class PlanDiffTest {
    private static final String DB = "aws:rds/instance:Instance";
    private static final Map<String, Object> POSTGRES = Map.of("engine", "postgres", "engineVersion", "16.6",
            "instanceClass", "db.t4g.micro", "allocatedStorage", 20, "storageType", "gp3", "dbName", "agent",
            "username", "agent_admin", "identifier", "app-db");

    private static TinyPlans base() {
        return new TinyPlans("dev").provider("eu-west-1")
                .resource("aws:ec2/vpc:Vpc", "vpc", null, null, Map.of("cidrBlock", "10.0.0.0/16"))
                .resource("aws:iam/role:Role", "old-role", null, null, Map.of())
                .resource(DB, "db", null, null, POSTGRES)
                .output("vpcId", "vpc-1").output("password", "[secret]").output("gone", 1);
    }

    @Test
    void addedRemovedAndChangedResourcesAreCountedAndTheChangedPropertiesNamed() {
        PlanDiff.Result diff = PlanDiff.compare(base().file(), new TinyPlans("dev").provider("eu-west-1")
                .resource("aws:ec2/vpc:Vpc", "vpc", null, null, Map.of("cidrBlock", "10.1.0.0/16"))
                .resource("aws:iam/role:Role", "new-role", null, null, Map.of())
                .resource(DB, "db", null, null, POSTGRES)
                .output("vpcId", "vpc-2").output("password", "[secret]").output("added", true).file());
        assertEquals(List.of("new-role"), diff.added().stream().map(PlannedResource::name).toList());
        assertEquals(List.of("old-role"), diff.removed().stream().map(PlannedResource::name).toList());
        assertEquals(1, diff.changed().size());
        assertEquals(List.of("cidrBlock"), diff.changed().get(0).properties());
        assertEquals(List.of("added", "gone", "vpcId"), diff.outputs().stream().map(PlanDiff.OutputChange::name).toList());
        assertFalse(diff.hasDanger(), "nothing stateful goes");
        String md = diff.markdown();
        assertTrue(md.contains("| added | 1 |") && md.contains("| removed | 1 |") && md.contains("| changed | 1 |"), md);
        assertTrue(md.contains("| aws:ec2/vpc:Vpc | vpc | `cidrBlock` |"), md);
        assertTrue(md.contains("No stateful resource"), md);
        assertFalse(md.contains("password"), "an unchanged secret output is not listed");
    }

    @Test
    void aRemovedDatabaseIsDangerAndThePlanCostDropIsShown() {
        PlanDiff.Result diff = PlanDiff.compare(base().file(), new TinyPlans("dev").provider("eu-west-1")
                .resource("aws:ec2/vpc:Vpc", "vpc", null, null, Map.of("cidrBlock", "10.0.0.0/16")).file());
        assertEquals(1, diff.dangers().size());
        PlanDiff.Danger danger = diff.dangers().get(0);
        assertEquals("deleted", danger.kind());
        assertEquals("db", danger.resource().name());
        assertTrue(danger.renamedTo().isEmpty());
        String md = diff.markdown();
        assertTrue(md.contains("**DELETED** `aws:rds/instance:Instance` **db**"), md);
        assertTrue(md.contains("(**−$"), "the monthly cost falls: " + md);
    }

    @Test
    void aChangedReplacementForcingPropertyIsDangerNamingOldAndNewValue() {
        Map<String, Object> renamedDb = new java.util.HashMap<>(POSTGRES);
        renamedDb.put("dbName", "agents");
        renamedDb.put("instanceClass", "db.t4g.medium"); // in-place change: not danger by itself
        PlanDiff.Result diff = PlanDiff.compare(base().file(), new TinyPlans("dev").provider("eu-west-1")
                .resource("aws:ec2/vpc:Vpc", "vpc", null, null, Map.of("cidrBlock", "10.0.0.0/16"))
                .resource("aws:iam/role:Role", "old-role", null, null, Map.of())
                .resource(DB, "db", null, null, renamedDb).file());
        assertEquals(1, diff.dangers().size(), diff.dangers().toString());
        assertEquals("replaced", diff.dangers().get(0).kind());
        assertTrue(diff.dangers().get(0).detail().contains("`dbName` `agent` → `agents`"), diff.dangers().get(0).detail());
        assertEquals(List.of("dbName", "instanceClass"), diff.changed().get(0).properties());
    }

    @Test
    void aStatefulResourceReappearingUnderANewUrnIsCalledAProbableRenameWithAliasesAsTheFix() {
        PlanDiff.Result diff = PlanDiff.compare(base().file(), new TinyPlans("dev").provider("eu-west-1")
                .resource("aws:ec2/vpc:Vpc", "vpc", null, null, Map.of("cidrBlock", "10.0.0.0/16"))
                .resource("aws:iam/role:Role", "old-role", null, null, Map.of())
                .resource(DB, "database", null, null, POSTGRES).file());
        PlanDiff.Danger danger = diff.dangers().get(0);
        assertEquals("database", danger.renamedTo().orElseThrow().name());
        String md = diff.markdown();
        assertTrue(md.contains("Probably a rename to **database**") && md.contains("Alias.withUrn(\"" + danger.resource().urn()), md);
    }

    @Test
    void withSeveralLookalikesARenameIsSuggestedOnlyWithinTheSameKindOfComponent() {
        String key = "aws:kms/key:Key";
        String database = "agent-platform:aws:Database";
        String cache = "agent-platform:aws:Cache";
        Map<String, Object> keyInputs = Map.of("enableKeyRotation", true);
        PlanDiff.Result diff = PlanDiff.compare(new TinyPlans("dev").provider("eu-west-1")
                        .component(database, "db").component(cache, "cache")
                        .resource(key, "db-key-old", database, "db", keyInputs)
                        .resource(key, "cache-key-old", cache, "cache", keyInputs).file(),
                new TinyPlans("dev").provider("eu-west-1")
                        .component(database, "db").component(cache, "cache")
                        .resource(key, "db-key-new", database, "db", keyInputs)
                        .resource(key, "cache-key-new", cache, "cache", keyInputs).file());
        Map<String, String> suggested = new java.util.TreeMap<>();
        diff.dangers().forEach(d -> suggested.put(d.resource().name(), d.renamedTo().map(PlannedResource::name).orElse("-")));
        assertEquals(Map.of("cache-key-old", "cache-key-new", "db-key-old", "db-key-new"), suggested);
    }

    @Test
    void aResourceRenamedWithAnAliasIsKeptNotDeletedAndCreated() {
        PlanDiff.Result diff = PlanDiff.compare(base().file(), new TinyPlans("dev").provider("eu-west-1")
                .resource("aws:ec2/vpc:Vpc", "vpc", null, null, Map.of("cidrBlock", "10.0.0.0/16"))
                .renamed("aws:iam/role:Role", "short-role", "old-role", Map.of())
                .renamed(DB, "database", "db", POSTGRES)
                .output("vpcId", "vpc-1").output("password", "[secret]").output("gone", 1).file());
        assertEquals(List.of(), diff.added());
        assertEquals(List.of(), diff.removed());
        assertEquals(List.of("db → database", "old-role → short-role"), diff.renamed().stream()
                .map(r -> r.base().name() + " → " + r.head().name()).sorted().toList());
        assertFalse(diff.hasDanger(), "an aliased database is not deleted");
        assertTrue(diff.markdown().contains("| aws:iam/role:Role | old-role | short-role |"), diff.markdown());
    }

    @Test
    void theCommandPrintsMarkdownExitsZeroAndThreeOnlyWhenAskedToFailOnDanger(@TempDir Path dir) throws Exception {
        Path before = dir.resolve("base.json");
        Path after = dir.resolve("head.json");
        Files.writeString(before, base().plan().toJsonText());
        Files.writeString(after, new TinyPlans("dev").provider("eu-west-1").plan().toJsonText());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, DiffCommand.run(new String[]{"diff", before.toString(), after.toString()}, sink, System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("#### Danger"));
        assertEquals(3, DiffCommand.run(new String[]{"diff", before.toString(), after.toString(), "--fail-on-danger"}, sink,
                System.err));
        assertEquals(0, DiffCommand.run(new String[]{"diff", before.toString(), before.toString(), "--fail-on-danger"}, sink,
                System.err));
        assertEquals(64, DiffCommand.run(new String[]{"diff", before.toString()}, sink, new PrintStream(new ByteArrayOutputStream())));
    }
}

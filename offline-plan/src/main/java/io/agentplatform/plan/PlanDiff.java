package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes between two plans of a stack, as Markdown for a pull-request comment: resources added, removed and
 * changed (inputs differ; the changed top-level properties are named), stack outputs, the monthly cost by
 * component, and a <b>Danger</b> section for stateful resources that would be deleted (urn gone) or replaced (a
 * replacement-forcing property changed). A deleted stateful resource with a new one of the same type and the same
 * key inputs under another urn is reported as a probable rename, with {@code aliases} as the fix.
 *
 * <p>Secret values are {@code "[secret]"} in both plan files, so a changed secret is not visible here.
 */
public final class PlanDiff {
    /** Stateful types and the input properties (dotted paths) whose change makes the provider replace them. */
    static final Map<String, List<String>> REPLACE_FORCING = Map.ofEntries(
            Map.entry("aws:rds/instance:Instance", List.of("identifier", "engine", "dbName", "kmsKeyId",
                    "storageEncrypted", "username", "characterSetName", "availabilityZone")),
            Map.entry("aws:rds/cluster:Cluster", List.of("clusterIdentifier", "engine", "databaseName", "kmsKeyId",
                    "storageEncrypted", "masterUsername")),
            // engine is left out on purpose: redis → valkey is an in-place engine change in the AWS provider 6.x.
            Map.entry("aws:elasticache/replicationGroup:ReplicationGroup", List.of("replicationGroupId",
                    "atRestEncryptionEnabled", "kmsKeyId", "subnetGroupName", "port")),
            Map.entry("aws:eks/cluster:Cluster", List.of("name", "roleArn", "vpcConfig.subnetIds", "encryptionConfig")),
            Map.entry("aws:kms/key:Key", List.of("customerMasterKeySpec", "keyUsage", "multiRegion")),
            Map.entry("aws:ebs/volume:Volume", List.of("availabilityZone", "encrypted", "kmsKeyId", "snapshotId")),
            Map.entry("aws:s3/bucketV2:BucketV2", List.of("bucket", "bucketPrefix", "objectLockEnabled")),
            Map.entry("aws:s3/bucket:Bucket", List.of("bucket", "bucketPrefix", "objectLockEnabled")),
            Map.entry("kubernetes:core/v1:PersistentVolumeClaim", List.of("metadata.name", "metadata.namespace",
                    "spec.storageClassName", "spec.accessModes", "spec.volumeName")),
            Map.entry("kubernetes:apps/v1:StatefulSet", List.of("metadata.name", "metadata.namespace", "spec.selector",
                    "spec.serviceName", "spec.volumeClaimTemplates")));

    /** Inputs that identify "the same thing" across a rename (names and name-derived values left out). */
    static final Map<String, List<String>> RENAME_KEYS = Map.ofEntries(
            Map.entry("aws:rds/instance:Instance", List.of("engine", "engineVersion", "instanceClass", "allocatedStorage",
                    "dbName", "username")),
            Map.entry("aws:rds/cluster:Cluster", List.of("engine", "engineVersion", "databaseName", "masterUsername")),
            Map.entry("aws:elasticache/replicationGroup:ReplicationGroup", List.of("engine", "engineVersion", "nodeType",
                    "numCacheClusters")),
            Map.entry("aws:eks/cluster:Cluster", List.of("version")),
            Map.entry("aws:kms/key:Key", List.of("keyUsage", "customerMasterKeySpec", "enableKeyRotation")),
            Map.entry("aws:ebs/volume:Volume", List.of("size", "type", "availabilityZone")),
            Map.entry("aws:s3/bucketV2:BucketV2", List.of("forceDestroy")),
            Map.entry("aws:s3/bucket:Bucket", List.of("forceDestroy")),
            Map.entry("kubernetes:core/v1:PersistentVolumeClaim", List.of("spec.resources.requests.storage",
                    "spec.storageClassName")),
            Map.entry("kubernetes:apps/v1:StatefulSet", List.of("spec.serviceName")));

    public static boolean isStateful(String type) {
        return REPLACE_FORCING.containsKey(type);
    }

    public record Changed(PlannedResource base, PlannedResource head, List<String> properties) {}

    /** A stateful resource whose data would go: {@code deleted} or {@code replaced}. */
    public record Danger(String kind, PlannedResource resource, String detail, Optional<PlannedResource> renamedTo) {}

    public record OutputChange(String name, String base, String head) {}

    /** A resource under a new urn that names its old urn in {@code aliases}: the engine keeps it, nothing is replaced. */
    public record Renamed(PlannedResource base, PlannedResource head) {}

    public record Result(Plan base, Plan head, List<PlannedResource> added, List<PlannedResource> removed,
                         List<Renamed> renamed, List<Changed> changed, int unchanged, List<OutputChange> outputs, List<Danger> dangers,
                         Estimate baseEstimate, Estimate headEstimate) {
        public boolean hasDanger() {
            return !dangers.isEmpty();
        }

        public String markdown() {
            return PlanDiff.markdown(this);
        }
    }

    private PlanDiff() {}

    public static Result compare(PlanReader.PlanFile base, PlanReader.PlanFile head) {
        Map<String, PlannedResource> before = byUrn(base.plan());
        Map<String, PlannedResource> after = byUrn(head.plan());
        Map<String, PlannedResource> aliasedBy = new TreeMap<>();
        after.values().forEach(h -> h.options().aliases().stream().filter(before::containsKey)
                .filter(a -> !after.containsKey(a)).forEach(a -> aliasedBy.put(a, h)));
        List<PlannedResource> added = after.values().stream().filter(r -> !before.containsKey(r.urn())
                && !aliasedBy.containsValue(r)).toList();
        List<PlannedResource> removed = before.values().stream().filter(r -> !after.containsKey(r.urn())
                && !aliasedBy.containsKey(r.urn())).toList();
        List<Renamed> renamed = aliasedBy.entrySet().stream()
                .map(e -> new Renamed(before.get(e.getKey()), e.getValue())).toList();
        List<Changed> changed = new ArrayList<>();
        List<Danger> dangers = new ArrayList<>();
        int unchanged = 0;
        for (PlannedResource b : before.values()) {
            PlannedResource h = after.containsKey(b.urn()) ? after.get(b.urn()) : aliasedBy.get(b.urn());
            if (h == null) {
                continue;
            }
            if (b.inputs().equals(h.inputs())) {
                unchanged++;
                continue;
            }
            Set<String> props = new TreeSet<>();
            b.inputs().fieldNames().forEachRemaining(props::add);
            h.inputs().fieldNames().forEachRemaining(props::add);
            props.removeIf(p -> b.inputs().path(p).equals(h.inputs().path(p)));
            changed.add(new Changed(b, h, List.copyOf(props)));
            for (String path : REPLACE_FORCING.getOrDefault(b.type(), List.of())) {
                if (!b.input(path).equals(h.input(path))) {
                    dangers.add(new Danger("replaced", b, "`" + path + "` " + show(b.input(path)) + " → "
                            + show(h.input(path)) + " forces replacement", Optional.empty()));
                }
            }
        }
        for (PlannedResource r : removed) {
            if (isStateful(r.type())) {
                List<PlannedResource> candidates = added.stream()
                        .filter(a -> a.type().equals(r.type()) && RENAME_KEYS.getOrDefault(r.type(), List.of()).stream()
                                .allMatch(k -> a.input(k).equals(r.input(k))))
                        .toList();
                Optional<PlannedResource> rename = likelyRename(r, candidates);
                dangers.add(new Danger("deleted", r, "its urn is gone from the head plan", rename));
            }
        }
        dangers.sort((x, y) -> (x.resource().urn() + x.detail()).compareTo(y.resource().urn() + y.detail()));
        Estimate be = base.estimate().orElseGet(() -> Estimate.of(base.plan()));
        Estimate he = head.estimate().orElseGet(() -> Estimate.of(head.plan()));
        return new Result(base.plan(), head.plan(), added, removed, renamed, changed, unchanged,
                outputChanges(base.plan(), head.plan()), List.copyOf(dangers), be, he);
    }

    /**
     * The new resource a removed one most likely became: the only candidate, or else the only one under a component of
     * the same type. Several equally likely candidates (keys of several components) suggest nothing rather than the
     * wrong alias.
     */
    static Optional<PlannedResource> likelyRename(PlannedResource removed, List<PlannedResource> candidates) {
        if (candidates.size() == 1) {
            return Optional.of(candidates.get(0));
        }
        List<PlannedResource> sameComponent = candidates.stream()
                .filter(c -> typeOfUrn(c.parent()).equals(typeOfUrn(removed.parent()))).toList();
        return sameComponent.size() == 1 ? Optional.of(sameComponent.get(0)) : Optional.empty();
    }

    /** The resource type of a urn ({@code ...$agent-platform:aws:Database::name} gives the component's type). */
    private static String typeOfUrn(String urn) {
        if (urn == null) {
            return "";
        }
        String[] parts = urn.split("::");
        String typePath = parts.length >= 3 ? parts[2] : urn;
        return typePath.substring(typePath.lastIndexOf('$') + 1);
    }

    private static List<OutputChange> outputChanges(Plan base, Plan head) {
        Set<String> names = new TreeSet<>();
        base.outputs().fieldNames().forEachRemaining(names::add);
        head.outputs().fieldNames().forEachRemaining(names::add);
        List<OutputChange> out = new ArrayList<>();
        for (String name : names) {
            JsonNode b = base.outputs().get(name);
            JsonNode h = head.outputs().get(name);
            if (b == null || h == null || !b.equals(h)) {
                out.add(new OutputChange(name, b == null ? null : text(b), h == null ? null : text(h)));
            }
        }
        return out;
    }

    private static Map<String, PlannedResource> byUrn(Plan plan) {
        Map<String, PlannedResource> m = new TreeMap<>();
        plan.resources().forEach(r -> m.put(r.urn(), r));
        return m;
    }

    static String markdown(Result d) {
        StringBuilder out = new StringBuilder();
        out.append("### Offline plan diff: `").append(d.head().stack()).append("`\n\n");
        out.append("| resources | count |\n|---|---:|\n");
        out.append("| added | ").append(d.added().size()).append(" |\n");
        out.append("| removed | ").append(d.removed().size()).append(" |\n");
        out.append("| renamed (aliased) | ").append(d.renamed().size()).append(" |\n");
        out.append("| changed | ").append(d.changed().size()).append(" |\n");
        out.append("| unchanged | ").append(d.unchanged()).append(" |\n\n");
        double delta = d.headEstimate().monthlyUsd() - d.baseEstimate().monthlyUsd();
        out.append(String.format(Locale.ROOT, "Estimated monthly cost: %s → %s (**%s**); deploy critical path %d s → %d s.%n%n",
                usd(d.baseEstimate().monthlyUsd()), usd(d.headEstimate().monthlyUsd()), signed(delta),
                d.baseEstimate().criticalPathSeconds(), d.headEstimate().criticalPathSeconds()));

        out.append("#### Danger\n\n");
        if (d.dangers().isEmpty()) {
            out.append("No stateful resource (database, cache, cluster, KMS key, volume, bucket) is deleted or replaced.\n\n");
        } else {
            for (Danger x : d.dangers()) {
                PlannedResource r = x.resource();
                out.append("- **").append(x.kind().toUpperCase(Locale.ROOT)).append("** `").append(r.type()).append("` **")
                        .append(r.name()).append("**: ").append(x.detail()).append("; its data goes with it.");
                if (r.options().protect()) {
                    out.append(" It is protected, so `pulumi up` will stop with an error instead.");
                } else if (r.options().retainOnDelete()) {
                    out.append(" It has retainOnDelete: the cloud resource stays but leaves the stack.");
                }
                x.renamedTo().ifPresent(n -> out.append(" Probably a rename to **").append(n.name())
                        .append("** (same type and key inputs under a new urn): keep the resource by giving the new one ")
                        .append("`aliases` with the old urn, e.g. `Alias.withUrn(\"").append(r.urn()).append("\")`."));
                if (x.kind().equals("deleted") && x.renamedTo().isEmpty()) {
                    out.append(" If the resource was renamed or moved to another component, add `aliases` with the old urn.");
                }
                out.append("\n");
            }
            out.append("\n");
        }

        section(out, "Added", d.added().stream().map(r -> row(r.type(), r.name())).toList(), "| type | name |");
        section(out, "Removed", d.removed().stream().map(r -> row(r.type(), r.name())).toList(), "| type | name |");
        section(out, "Renamed with aliases, kept in place", d.renamed().stream()
                .map(r -> row(r.head().type(), r.base().name(), r.head().name())).toList(), "| type | from | to |");
        section(out, "Changed", d.changed().stream().map(c -> row(c.head().type(), c.head().name(),
                String.join(", ", c.properties().stream().map(p -> "`" + p + "`").toList()))).toList(),
                "| type | name | changed properties |");
        section(out, "Outputs", d.outputs().stream().map(o -> row("`" + o.name() + "`", cell(o.base()), cell(o.head())))
                .toList(), "| output | base | head |");

        Map<String, double[]> cost = new TreeMap<>();
        d.baseEstimate().byComponent().forEach((k, v) -> cost.computeIfAbsent(k, x -> new double[2])[0] = v);
        d.headEstimate().byComponent().forEach((k, v) -> cost.computeIfAbsent(k, x -> new double[2])[1] = v);
        List<String> rows = new ArrayList<>();
        cost.forEach((k, v) -> {
            if (Math.abs(v[1] - v[0]) >= 0.005) {
                rows.add(row(k, usd(v[0]), usd(v[1]), signed(v[1] - v[0])));
            }
        });
        section(out, "Cost by component (monthly)", rows, "| component | base | head | change |");
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> rows, String header) {
        out.append("#### ").append(title).append(" (").append(rows.size()).append(")\n\n");
        if (rows.isEmpty()) {
            out.append("None.\n\n");
            return;
        }
        out.append(header).append("\n").append(header.replaceAll("[^|]+", "---")).append("\n");
        rows.forEach(r -> out.append(r).append("\n"));
        out.append("\n");
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static String cell(String value) {
        return value == null ? "—" : "`" + value.replace("|", "\\|").replace("`", "'") + "`";
    }

    private static String text(JsonNode n) {
        String s = n.isTextual() ? n.asText() : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String show(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "(unset)" : "`" + text(n) + "`";
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, "$%,.2f", v);
    }

    private static String signed(double v) {
        return (v >= 0 ? "+" : "−") + usd(Math.abs(v));
    }
}

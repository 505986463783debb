package io.agentplatform.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order {@code pulumi up} creates a plan's resources in: a node per resource taking its typical create time
 * ({@link CreateTimes}), an edge to everything it waits for — its {@code dependencies} plus its provider (a
 * Kubernetes provider waits for the cluster, so every Kubernetes object does too). A component takes no time
 * and, when something depends on it, finishes with its children.
 *
 * <p>{@link #criticalPath()} is the longest path by time: the least time the whole deployment can take however
 * parallel the engine is. {@link #serializationWarnings()} applies one rule, documented in
 * {@code docs/plan-format.md}: a data service (RDS, ElastiCache) never needs the EKS cluster or its node groups to
 * be created; when it waits for them through a security group (or the cluster itself, for its security-group id)
 * it starts later than it could. The fix is a separate ingress rule that admits the cluster's group. The rule for
 * Helm releases that wait for what they do not use is {@link NeedlessWaits}.
 */
public final class DeployGraph {
    static final Set<String> DATA_SERVICES = Set.of("aws:rds/instance:Instance", "aws:rds/cluster:Cluster",
            "aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster");
    static final Set<String> CLUSTER_TIER = Set.of("aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup");
    /** Direct dependencies of a data service that carry nothing but a security-group id. */
    static final Set<String> SECURITY_GROUP_CARRIERS = Set.of("aws:ec2/securityGroup:SecurityGroup",
            "aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws:eks/cluster:Cluster",
            "aws:eks/nodeGroup:NodeGroup");

    /** One node: what it is, how long it takes, what it waits for. */
    public record Node(String urn, String type, String name, boolean custom, int seconds, Set<String> waitsFor) {}

    /** The longest path: total seconds and the custom resources on it, first created first. */
    public record Path(long seconds, List<String> urns) {}

    private final Map<String, Node> nodes;
    private final Map<String, Long> finish = new HashMap<>();
    private final Map<String, String> via = new HashMap<>();

    public DeployGraph(List<Node> nodes) {
        Map<String, Node> m = new LinkedHashMap<>();
        nodes.stream().sorted((a, b) -> a.urn().compareTo(b.urn())).forEach(n -> m.put(n.urn(), n));
        this.nodes = m;
        Set<String> visiting = new HashSet<>();
        m.keySet().forEach(urn -> finish(urn, visiting));
    }

    public static DeployGraph of(Plan plan, CreateTimes times) {
        Set<String> known = new HashSet<>();
        plan.resources().forEach(r -> known.add(r.urn()));
        Map<String, Set<String>> children = new HashMap<>();
        plan.resources().forEach(r -> {
            if (r.parent() != null) {
                children.computeIfAbsent(r.parent(), k -> new TreeSet<>()).add(r.urn());
            }
        });
        List<Node> nodes = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            Set<String> waits = new TreeSet<>(r.dependencies());
            if (r.provider() != null) {
                waits.add(r.provider());
            }
            if (!r.custom()) {
                waits.addAll(children.getOrDefault(r.urn(), Set.of()));
            }
            waits.retainAll(known);
            waits.remove(r.urn());
            nodes.add(new Node(r.urn(), r.type(), r.name(), r.custom(), times.seconds(r), waits));
        }
        return new DeployGraph(nodes);
    }

    /** Earliest finish time of a node: its own seconds after the latest of what it waits for. */
    public long finish(String urn) {
        return finish.getOrDefault(urn, 0L);
    }

    /** What a node waits for directly; nothing for an unknown urn. */
    Set<String> waitsFor(String urn) {
        Node n = nodes.get(urn);
        return n == null ? Set.of() : n.waitsFor();
    }

    /**
     * Everything a node waits for, directly or through what it waits for. Pulumi deletes in the reverse order, so on
     * {@code pulumi destroy} all of these are deleted only after the node is gone.
     */
    public Set<String> waitsForTransitively(String urn) {
        Set<String> seen = new TreeSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(waitsFor(urn));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(waitsFor(next));
            }
        }
        return seen;
    }

    /** Earliest start time of a node, optionally ignoring some of what it waits for. */
    long start(String urn, Set<String> ignoring) {
        return nodes.get(urn).waitsFor().stream().filter(d -> !ignoring.contains(d)).mapToLong(this::finish).max().orElse(0);
    }

    private long finish(String urn, Set<String> visiting) {
        Long done = finish.get(urn);
        if (done != null) {
            return done;
        }
        Node node = nodes.get(urn);
        if (node == null || !visiting.add(urn)) {
            return 0; // unknown urn, or a cycle (the engine would refuse it): the edge adds nothing
        }
        long latest = 0;
        String latestDep = null;
        for (String dep : node.waitsFor()) { // sorted: ties go to the smallest urn, so the path is deterministic
            long f = finish(dep, visiting);
            if (latestDep == null || f > latest) {
                latest = f;
                latestDep = dep;
            }
        }
        visiting.remove(urn);
        if (latestDep != null) {
            via.put(urn, latestDep);
        }
        long f = latest + node.seconds();
        finish.put(urn, f);
        return f;
    }

    public Path criticalPath() {
        String end = null;
        for (String urn : nodes.keySet()) {
            if (end == null || finish(urn) > finish(end)) {
                end = urn;
            }
        }
        List<String> path = new ArrayList<>();
        for (String at = end; at != null; at = via.get(at)) {
            Node n = nodes.get(at);
            if (n != null && n.custom() && n.seconds() > 0) {
                path.add(0, at);
            }
        }
        return new Path(end == null ? 0 : finish(end), List.copyOf(path));
    }

    /** Needless waits of data services on the cluster tier; see the class comment for the rule. */
    public List<String> serializationWarnings() {
        List<String> warnings = new ArrayList<>();
        for (Node data : nodes.values()) {
            if (!DATA_SERVICES.contains(data.type())) {
                continue;
            }
            Set<String> carriers = new TreeSet<>();
            Set<String> slow = new TreeSet<>();
            for (String dep : data.waitsFor()) {
                Node d = nodes.get(dep);
                Set<String> reached = clusterTierReachedFrom(dep);
                if (d != null && SECURITY_GROUP_CARRIERS.contains(d.type()) && !reached.isEmpty()) {
                    carriers.add(dep);
                    slow.addAll(reached);
                }
            }
            if (carriers.isEmpty()) {
                continue;
            }
            long delay = start(data.urn(), Set.of()) - start(data.urn(), carriers);
            if (delay > 0) {
                warnings.add(data.name() + " (" + data.type() + ") waits for " + names(slow) + " (via " + names(carriers)
                        + ") only for a security-group id: it starts " + delay
                        + " s later than it could. Create its security group without the cluster and admit the cluster"
                        + " with a separate ingress rule.");
            }
        }
        return warnings;
    }

    /** The cluster-tier nodes reachable from a node, itself included. */
    private Set<String> clusterTierReachedFrom(String start) {
        Set<String> seen = new HashSet<>();
        Set<String> found = new TreeSet<>();
        List<String> todo = new ArrayList<>(List.of(start));
        while (!todo.isEmpty()) {
            String at = todo.remove(todo.size() - 1);
            Node n = nodes.get(at);
            if (n == null || !seen.add(at)) {
                continue;
            }
            if (CLUSTER_TIER.contains(n.type())) {
                found.add(at);
            }
            todo.addAll(n.waitsFor());
        }
        return found;
    }

    private String names(Set<String> urns) {
        return String.join(", ", urns.stream().map(u -> nodes.containsKey(u) ? nodes.get(u).name() : u).toList());
    }
}
